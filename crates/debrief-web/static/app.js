// Optional enhancement for the home form: offer only the chosen company's levels.
// Without JavaScript every level is listed, grouped by company, and the server checks the pair.
(function () {
  var company = document.getElementById("company");
  var level = document.getElementById("level");
  if (!company || !level || !level.querySelector("optgroup")) return;
  function sync() {
    var current = level.options[level.selectedIndex];
    var wanted = current ? current.value : "";
    var group = null;
    level.querySelectorAll("optgroup").forEach(function (g) {
      var on = g.getAttribute("data-company") === company.value;
      g.disabled = !on;
      g.hidden = !on;
      if (on) group = g;
    });
    if (group && (!current || current.parentNode !== group)) {
      var same = group.querySelector('option[value="' + wanted + '"]');
      var pick = same || group.querySelector("option");
      if (pick) pick.selected = true;
    }
  }
  company.addEventListener("change", sync);
  sync();
})();
