package org.groklab.web;

/**
 * The explorer's one HTML page ({@code web/index.html}), linked to its assets for the server or with every asset
 * and the data inlined for a report.
 */
final class Page {
    private Page() {
    }

    static String served() {
        return Assets.text("web/index.html")
                .replace("<!--STYLES-->", "<link rel=\"stylesheet\" href=\"static/uPlot.min.css\">\n"
                        + "<link rel=\"stylesheet\" href=\"static/app.css\">")
                .replace("<!--SCRIPTS-->", "<script src=\"static/uPlot.min.js\"></script>\n"
                        + "<script src=\"static/app.js\"></script>");
    }

    /** A self-contained page: {@code dataJson} is the report's object (start route and answers by key). */
    static String report(String dataJson) {
        return Assets.text("web/index.html")
                .replace("<!--STYLES-->", "<style>\n" + inline(Assets.text(Assets.FILES.get("uPlot.min.css")))
                        + "\n</style>\n<style>\n" + inline(Assets.text(Assets.FILES.get("app.css"))) + "\n</style>")
                .replace("<!--SCRIPTS-->", "<script>window.GROKLAB_REPORT = " + inline(dataJson) + ";</script>\n"
                        + "<script>\n" + inline(Assets.text(Assets.FILES.get("uPlot.min.js"))) + "\n</script>\n"
                        + "<script>\n" + inline(Assets.text(Assets.FILES.get("app.js"))) + "\n</script>");
    }

    /** Text safe inside a script or style element: no closing tag can end it early. */
    private static String inline(String s) {
        return s.replace("</", "<\\/");
    }
}
