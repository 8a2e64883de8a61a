// pushcheck: the little behaviour the server cannot render.
// Copy buttons: any element with data-copy puts that text on the clipboard.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  event.preventDefault();
  var text = button.getAttribute("data-copy");
  var done = function () {
    button.classList.add("copied");
    button.setAttribute("data-label", "copied");
    setTimeout(function () { button.classList.remove("copied"); }, 1200);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
  } else {
    fallbackCopy(text);
    done();
  }
});

function fallbackCopy(text) {
  var area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "offscreen";
  document.body.appendChild(area);
  area.select();
  document.execCommand("copy");
  document.body.removeChild(area);
}

// Confirmations for dangerous buttons that are not htmx-driven.
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var message = button && button.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
});

// Device pickers (group pages): "add" puts device IDs into the group's
// list, each once, keeping what was typed or pasted there.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-add-device]");
  if (!button) return;
  var list = document.querySelector(button.getAttribute("data-to"));
  if (!list) return;
  var ids = list.value.split(/[\s,]+/).filter(Boolean);
  button.getAttribute("data-add-device").split("\n").forEach(function (id) {
    if (ids.indexOf(id) < 0) ids.push(id);
  });
  list.value = ids.join("\n");
  button.classList.add("added");
  button.textContent = "added";
});

// Enter in a picker's search box searches; it must not submit the group
// form around it.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Enter" || !event.target.matches("input[data-picker]")) return;
  event.preventDefault();
  if (window.htmx) window.htmx.trigger(event.target, "search");
});
