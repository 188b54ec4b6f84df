// plantext/review.html: moved out of the page so the Content-Security-Policy allows no inline script.
// Light the sentence of the row under the pointer; grey out unticked rows; a row whose role
// changes moves to the table of its role (targets, or the figures that are not targets), so the
// reviewer sees the plan as it will be created and nothing leaves the page.
(function () {
  var targets = document.querySelector("#targets tbody");
  var others = document.querySelector("#others tbody");
  document.querySelectorAll(".plantext-rows tr[data-mark]").forEach(function (row) {
    var mark = row.dataset.mark && document.getElementById("src-" + row.dataset.mark);
    if (mark) {
      row.addEventListener("mouseenter", function () { mark.classList.add("lit"); });
      row.addEventListener("mouseleave", function () { mark.classList.remove("lit"); });
    }
    var keep = row.querySelector("input[type=checkbox]");
    keep.addEventListener("change", function () { row.classList.toggle("dropped", !keep.checked); });
    var role = row.querySelector("select.role");
    if (!role || !targets || !others) { return; }
    role.addEventListener("change", function () {
      row.classList.remove("role-" + row.dataset.role);
      row.dataset.role = role.value;
      row.classList.add("role-" + role.value);
      var into = role.value === "target" ? targets : others;
      if (row.parentNode !== into) {
        into.appendChild(row);
        role.focus();
      }
    });
  });
})();
