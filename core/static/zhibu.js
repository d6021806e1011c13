// Behaviour that pages declare with data- attributes (the Content-Security-Policy forbids inline script).
//   data-print            a button or link that prints the page
//   data-confirm="..."    a button that asks before it submits its form
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-print], [data-confirm]");
  if (!target) return;
  if (target.hasAttribute("data-print")) {
    event.preventDefault();
    window.print();
  } else if (!window.confirm(target.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
