package dev.microdrop.function.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPreloadTest {

    @TempDir
    Path artifact;

    @Test
    void loadsEveryListedClassItCan_skipsCommentsAndNamesThatNoLongerExist_andInitialisesNone() throws Exception {
        Path list = artifact.resolve(ClassPreload.LIST);
        Files.createDirectories(list.getParent());
        Files.writeString(list, """
                # recorded by ./microdrop record-classes
                dev.microdrop.function.snapstart.ClassPreloadTest$NeverInitialised

                dev.microdrop.function.snapstart.GoneSinceTheListWasRecorded
                """);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {artifact.toUri().toURL()},
                ClassPreloadTest.class.getClassLoader())) {
            ClassPreload preload = ClassPreload.run(loader);

            assertThat(preload).isEqualTo(new ClassPreload(2, 1));
        }
        assertThat(Marker.initialised).as("NeverInitialised's static initialiser ran").isFalse();
    }

    static final class NeverInitialised {
        static {
            Marker.initialised = true;
        }
    }

    /** Where {@link NeverInitialised}'s static initialiser would leave its mark. */
    static final class Marker {
        static boolean initialised;
    }
}
