package dev.microdrop.function.snapstart;

import dev.microdrop.core.drop.CachedDropReader;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SnapStart hooks of every function. Before the snapshot: load the classes its requests were recorded to load
 * ({@link ClassPreload}), run the function's {@link Primer}s (their failures are logged, never fatal: an unprimed
 * function is only slower), then forget what they read. After a restore:
 * forget again, since the snapshot may be hours old and its cached drops must not be served. SDK clients are built
 * once with the default credentials chain, which fetches fresh credentials after a restore, so nothing else is
 * rebuilt; no unique value (ids, random state) is made during init.
 *
 * <p>Registered with the JVM's global CRaC context when the Spring context creates it; the context keeps it (CRaC
 * holds resources weakly). On a JVM without CRaC support the registration is a no-op.
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final List<Primer> primers;
    private final CachedDropReader drops;
    private volatile int failures;
    private volatile ClassPreload preload = new ClassPreload(0, 0);

    public SnapStartPriming(List<Primer> primers, CachedDropReader drops) {
        this.primers = List.copyOf(primers);
        this.drops = drops;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        ClassPreload classes = ClassPreload.run(SnapStartPriming.class.getClassLoader());
        this.preload = classes;
        int failed = 0;
        for (Primer primer : primers) {
            try {
                primer.prime();
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("priming step failed (the function still works, its first requests are slower): {}",
                        e.toString());
            }
        }
        this.failures = failed;
        drops.invalidate();
        LOG.info("preloaded {} of {} listed classes, primed {} step(s), {} failed, in {} ms", classes.loaded(),
                classes.listed(), primers.size(), failed, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        drops.invalidate();
    }

    /** How many priming steps the function has (for tests and the log). */
    public int steps() {
        return primers.size();
    }

    /** What the last {@link #beforeCheckpoint} preloaded. */
    public ClassPreload preload() {
        return preload;
    }

    /** How many steps failed in the last {@link #beforeCheckpoint}. */
    public int failures() {
        return failures;
    }
}
