// A select marked data-submit-on-change sends its form when a choice is made (the month of the
// progress pages); without JavaScript the form's own button does. Loaded by base.html: no
// inline handlers under the Content-Security-Policy.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});
