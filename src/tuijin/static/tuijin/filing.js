// The report form computes the year's cumulative as the owner types this month's figure
// (last report's cumulative + this month); the server checks the same rule on save.
(function () {
  const month = document.getElementById("id_investment_month_wan");
  const cumulative = document.getElementById("id_cumulative_wan");
  const hint = document.getElementById("cumulative-hint");
  const previousCell = document.getElementById("previous-cumulative");
  if (!month || !cumulative || !hint || !previousCell) return;
  const previous = Number(previousCell.dataset.value || 0);
  const plain = (text) => {
    const t = String(text).trim().replace(/[０-９．，]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/,/g, "");
    return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
  };
  const show = (n) => n.toLocaleString(undefined, { maximumFractionDigits: 4 });
  month.addEventListener("input", () => {
    const value = plain(month.value);
    if (value === null) { hint.hidden = true; return; }
    const total = Math.round((previous + value) * 10000) / 10000;
    hint.textContent = hint.dataset.template.replace("{previous}", show(previous))
      .replace("{month}", show(value)).replace("{total}", show(total));
    hint.hidden = false;
    if (!cumulative.dataset.touched) cumulative.value = String(total);
  });
  cumulative.addEventListener("input", () => { cumulative.dataset.touched = "1"; });
})();

// The photos go up in their own form, which reloads the page: typed figures and texts that
// are not saved yet would be lost, so the upload waits until the draft is saved.
(function () {
  const form = document.querySelector("form.filing-form");
  const upload = document.getElementById("photo-upload");
  const warning = document.getElementById("photo-unsaved");
  if (!form || !upload || !warning) return;
  let dirty = false;
  form.addEventListener("input", () => { dirty = true; });
  upload.addEventListener("submit", (event) => {
    if (!dirty) return;
    event.preventDefault();
    warning.textContent = upload.dataset.unsaved;
    warning.hidden = false;
  });
})();
