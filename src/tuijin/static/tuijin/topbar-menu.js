// The top bar's menu on a phone: the plan switcher, the user and the account links fold behind
// one button (app.css shows it only on a narrow screen). Without JavaScript nothing is folded:
// the bar wraps and every link stays in view. Loaded by base.html (no inline script under the
// Content-Security-Policy).
(function () {
  var bar = document.querySelector(".topbar");
  var toggle = bar && bar.querySelector(".menu-toggle");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!menu) return;
  bar.classList.add("has-menu");

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  }
  function isOpen() { return toggle.getAttribute("aria-expanded") === "true"; }

  toggle.addEventListener("click", function () { setOpen(!isOpen()); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) { setOpen(false); toggle.focus(); }
  });
  // A tap anywhere else closes it, as a menu does.
  document.addEventListener("click", function (event) {
    if (isOpen() && !bar.contains(event.target)) setOpen(false);
  });
})();
