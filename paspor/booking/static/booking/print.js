// The day list opens the print dialog by itself, except under automation (tests, screenshots).
window.addEventListener("load", function () {
  if (!navigator.webdriver) { window.print(); }
});
