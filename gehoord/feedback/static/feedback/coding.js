// Coding screen: digit keys 1–9 tick or untick the matching theme, unless the user is
// typing in a field. Everything also works with Tab, Space and Enter without this script.
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target && (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type === "text"))) return;
  if (!/^[1-9]$/.test(event.key)) return;
  var box = document.querySelector('#coding-form input[data-key="' + event.key + '"]');
  if (!box) return;
  box.checked = !box.checked;
  box.focus();
  event.preventDefault();
});
