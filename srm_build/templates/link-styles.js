/* Put by the build (srm_build/assets.py, `component_script`) before the script of each
 * client component that has stylesheets of its own, with their names in place of the empty
 * list: links each one, beside this script, marked data-srm-<name>, unless the page has it.
 * The build links them in the head of the pages that use the component; this is for pages
 * that get the component later, as the theme's instant navigation keeps the first page's
 * head, and the exam and the review load the kinds of the questions they copy. A file of
 * its own rather than a function of the core, which every page would pay for: most pages
 * use no component with stylesheets of its own (tests/test_components.py, page budget). */
(function (here, files) {
  files.forEach(function (file) {
    var mark = "data-" + file.slice(0, -4);
    if (!here || document.querySelector("link[" + mark + "]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = here.replace(/[^/]*\.js(\?.*)?$/, file + "$1");
    link.setAttribute(mark, "");
    document.head.appendChild(link);
  });
})(document.currentScript && document.currentScript.src, /*SRM_STYLES*/[]);
