// accounts/user_form.html: moved out of the page so the Content-Security-Policy allows no inline script.
// Show the districts only for district users and the organisation only for owners and
// bureaus; without JavaScript every field stays visible and the server still checks.
(function () {
  var role = document.getElementById("id_role");
  if (!role) return;
  var rows = {divisions: ["district"], organisation: ["owner", "bureau"]};
  function update() {
    Object.keys(rows).forEach(function (name) {
      var row = document.getElementById("row-" + name);
      if (row) row.hidden = rows[name].indexOf(role.value) < 0;
    });
  }
  role.addEventListener("change", update);
  update();
})();
