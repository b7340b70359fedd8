package dev.microdrop.infrastructure.manifest;

import dev.microdrop.core.manifest.DropManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Checks manifest files from the command line, for a merchant before they push and for CI: one line per error,
 * {@code file:line: field: message}, and exit status 1 if any file is broken (drops/README.md shows the command).
 */
public final class ManifestCheck {

    private ManifestCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ManifestCheck <manifest.yaml>...");
            System.exit(2);
        }
        System.exit(check(List.of(args), System.out) ? 0 : 1);
    }

    /** Checks each file and prints what it found; true if every file is a valid manifest. */
    static boolean check(List<String> files, PrintStream out) throws IOException {
        boolean allValid = true;
        for (String file : files) {
            String yaml = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            switch (YamlManifests.parse(yaml, file)) {
                case ManifestResult.Parsed parsed -> out.println(file + ": ok, " + summary(parsed.manifest()));
                case ManifestResult.Invalid invalid -> {
                    out.println(invalid.report());
                    allValid = false;
                }
            }
        }
        return allValid;
    }

    private static String summary(DropManifest manifest) {
        return manifest.dropId() + ", " + manifest.variants().size() + " SKUs, "
                + manifest.totalUnits().values().stream().mapToInt(Integer::intValue).sum() + " units in "
                + manifest.waves().size() + " waves, opens "
                + LocalDateTime.ofInstant(manifest.opensAt(), manifest.timeZone()) + " " + manifest.timeZone()
                + " (" + manifest.opensAt() + ")";
    }
}
