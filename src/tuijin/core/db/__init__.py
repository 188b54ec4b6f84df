"""tuijin's database backends and the database errors every interface handles the same way."""
