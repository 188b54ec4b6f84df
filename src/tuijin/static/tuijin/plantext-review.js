// plantext/review.html: moved out of the page so the Content-Security-Policy allows no inline script.
// Light the sentence of the row under the pointer; grey out unticked rows.
document.querySelectorAll(".plantext-rows tr[data-mark]").forEach(function (row) {
  var mark = row.dataset.mark && document.getElementById("src-" + row.dataset.mark);
  if (mark) {
    row.addEventListener("mouseenter", function () { mark.classList.add("lit"); });
    row.addEventListener("mouseleave", function () { mark.classList.remove("lit"); });
  }
  var keep = row.querySelector("input[type=checkbox]");
  keep.addEventListener("change", function () { row.classList.toggle("dropped", !keep.checked); });
});
