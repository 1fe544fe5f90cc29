package org.groklab.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** groklab's version, filled in from the Maven project at build time. */
public final class Version {
    public static final String VERSION = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/groklab-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
