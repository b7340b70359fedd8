package dev.microdrop.function.snapstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * Loads, before the snapshot, the classes a function's requests were seen to load: the list
 * {@value #LIST} in the function's artifact, recorded by {@code ./microdrop record-classes} while the function's
 * tests run its real request paths (successful ones included, which priming's harmless requests never reach). A
 * restored function then finds them loaded instead of reading and parsing them from its jars on a buyer's
 * request.
 *
 * <p>Classes are loaded, not initialised: no static initialiser runs before the snapshot that would not have run
 * anyway, so none can leave state that every restored copy would share. A name that no longer loads (the list is
 * older than the code) is skipped and counted; {@code PrimingCheck} fails a function whose list has gone stale.
 *
 * @param listed how many names the lists held
 * @param loaded how many of them loaded
 */
public record ClassPreload(int listed, int loaded) {

    public static final String LIST = "META-INF/microdrop/preload-classes.txt";

    /** Loads every class named in every {@value #LIST} that {@code loader} sees. */
    public static ClassPreload run(ClassLoader loader) {
        int listed = 0;
        int loaded = 0;
        try {
            Enumeration<URL> lists = loader.getResources(LIST);
            while (lists.hasMoreElements()) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                        lists.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        String name = line.strip();
                        if (name.isEmpty() || name.startsWith("#")) {
                            continue;
                        }
                        listed++;
                        if (load(name, loader)) {
                            loaded++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LIST, e);
        }
        return new ClassPreload(listed, loaded);
    }

    private static boolean load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
