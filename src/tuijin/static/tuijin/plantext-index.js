// plantext/index.html: moved out of the page so the Content-Security-Policy allows no inline script.
// A paste beyond the limit would be refused by the server before the page could explain.
document.getElementById("plantext-form").addEventListener("submit", function (event) {
  var area = document.getElementById("id_text");
  var tooLong = area.value.length > Number(area.getAttribute("maxlength"));
  document.getElementById("too-long").hidden = !tooLong;
  if (tooLong) { event.preventDefault(); }
});
