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
