package dev.microdrop.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.WavePlan;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The manifest's own arithmetic and rules, without YAML (the parser's side, with lines, is YamlManifestsTest in
 * infrastructure). Random cases print their seed, so a failure can be replayed.
 */
class DropManifestTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant OPENS = Instant.parse("2026-12-05T09:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-12-06T19:00:00Z");

    @Test
    void standardWaves_release40_40_20_ofEverySku() {
        DropManifest manifest = manifest(ManifestWaves.standard(), variant("NR-41", 100), variant("GL-1", 250));

        assertThat(manifest.releasedAfter(0)).containsExactly(Map.entry("NR-41", 0), Map.entry("GL-1", 0));
        assertThat(manifest.releasedAfter(1)).containsExactly(Map.entry("NR-41", 40), Map.entry("GL-1", 100));
        assertThat(manifest.releasedAfter(2)).containsExactly(Map.entry("NR-41", 80), Map.entry("GL-1", 200));
        assertThat(manifest.releasedAfter(3)).containsExactly(Map.entry("NR-41", 100), Map.entry("GL-1", 250));
        assertThat(manifest.releasedAfter(4)).isEqualTo(manifest.releasedAfter(3));
    }

    @Test
    void releasedAfter_byShare_neverLosesOrInventsAUnit_andMatchesTheDropsWavePlan() {
        long seed = System.nanoTime();
        System.out.println("DropManifestTest byShare seed = " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            List<Integer> shares = split(random, WavePlan.WHOLE, 1 + random.nextInt(6), true);
            List<ManifestWaves.ShareWave> waves = new ArrayList<>();
            for (int i = 0; i < shares.size(); i++) {
                waves.add(new ManifestWaves.ShareWave(Duration.ofMinutes(10L * i), shares.get(i)));
            }
            DropManifest manifest = manifest(new ManifestWaves.ByShare(waves), randomVariants(random));
            String context = "seed " + seed + ", round " + round + ", shares " + shares;

            assertThat(manifest.violations()).as(context).isEmpty();
            assertNeverLosesOrInvents(manifest, context);
            WavePlan plan = manifest.toDrop().wavePlan();
            for (int wave = 0; wave <= shares.size(); wave++) {
                for (Map.Entry<String, Integer> sku : manifest.totalUnits().entrySet()) {
                    assertThat(manifest.releasedAfter(wave).get(sku.getKey())).as(context)
                            .isEqualTo(plan.releasedAfter(wave, sku.getValue()));
                }
            }
        }
    }

    @Test
    void releasedAfter_byUnits_isExactlyWhatTheWavesName_andNeverLosesOrInventsAUnit() {
        long seed = System.nanoTime();
        System.out.println("DropManifestTest byUnits seed = " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            Variant[] variants = randomVariants(random);
            int waveCount = 1 + random.nextInt(5);
            List<Map<String, Integer>> perWave = new ArrayList<>();
            for (int i = 0; i < waveCount; i++) {
                perWave.add(new LinkedHashMap<>());
            }
            for (Variant variant : variants) {
                List<Integer> parts = split(random, variant.units(), waveCount, false);
                for (int i = 0; i < waveCount; i++) {
                    perWave.get(i).put(variant.sku(), parts.get(i));
                }
            }
            List<ManifestWaves.UnitWave> waves = new ArrayList<>();
            for (int i = 0; i < waveCount; i++) {
                waves.add(new ManifestWaves.UnitWave(Duration.ofMinutes(10L * i), perWave.get(i)));
            }
            DropManifest manifest = manifest(new ManifestWaves.ByUnits(waves), variants);
            String context = "seed " + seed + ", round " + round + ", waves " + perWave;

            assertThat(manifest.violations()).as(context).isEmpty();
            assertNeverLosesOrInvents(manifest, context);
            for (Variant variant : variants) {
                int cumulative = 0;
                for (int wave = 1; wave <= waveCount; wave++) {
                    cumulative += perWave.get(wave - 1).get(variant.sku());
                    assertThat(manifest.releasedAfter(wave).get(variant.sku())).as(context).isEqualTo(cumulative);
                }
            }
            // Whichever way toDrop() had to go, the drop's plan ends every SKU at its total, on the same schedule.
            WavePlan plan = manifest.toDrop().wavePlan();
            assertThat(plan.waves()).extracting(Wave::at).as(context)
                    .containsExactlyElementsOf(waves.stream().map(w -> OPENS.plus(w.after())).toList());
            variantsHaveTheirTotal(plan, variants, context);
        }
    }

    @Test
    void unitsThatAreOneShareForEverySku_becomeAnExactPlan_withoutWaveUnits() {
        long seed = System.nanoTime();
        System.out.println("DropManifestTest exact plan seed = " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            // Units cut from a plan of shares can always be carried by shares: the drop must find some.
            List<Integer> shares = split(random, WavePlan.WHOLE, 1 + random.nextInt(5), false);
            WavePlan source = plan(shares);
            Variant[] variants = randomVariants(random);
            List<ManifestWaves.UnitWave> waves = new ArrayList<>();
            for (int wave = 1; wave <= shares.size(); wave++) {
                Map<String, Integer> units = new LinkedHashMap<>();
                for (Variant v : variants) {
                    units.put(v.sku(), source.releasedAfter(wave, v.units()) - source.releasedAfter(wave - 1, v.units()));
                }
                waves.add(new ManifestWaves.UnitWave(Duration.ofMinutes(10L * (wave - 1)), units));
            }
            DropManifest manifest = manifest(new ManifestWaves.ByUnits(waves), variants);
            String context = "seed " + seed + ", round " + round + ", shares " + shares;

            assertThat(manifest.waveUnits()).as(context).isEmpty();
            WavePlan plan = manifest.toDrop().wavePlan();
            for (int wave = 0; wave <= shares.size(); wave++) {
                for (Variant v : variants) {
                    assertThat(plan.releasedAfter(wave, v.units())).as(context)
                            .isEqualTo(manifest.releasedAfter(wave).get(v.sku()));
                }
            }
        }
    }

    @Test
    void unitsThatAreNotOneShare_travelWithEachSku_soEveryWaveReleasesExactlyItsUnits() {
        DropManifest manifest = new DropManifest("test-drop", "Test drop", Currency.getInstance("EUR"), BERLIN, OPENS,
                CLOSES, 2, 10, true, List.of(), true, List.of(new Product("product", "Product", List.of(
                        variant("NR-41", 100), new Variant("GL-1", "One size", 900, 250, Map.of("berlin-mitte", 250))))),
                new ManifestWaves.ByUnits(List.of(
                        new ManifestWaves.UnitWave(Duration.ZERO, Map.of("NR-41", 50, "GL-1", 50)),
                        new ManifestWaves.UnitWave(Duration.ofHours(1), Map.of("NR-41", 50, "GL-1", 200)))),
                Optional.empty(), List.of(new Hub("berlin-mitte", "Berlin Mitte", "Torstraße 109", List.of())),
                Optional.empty());
        Drop drop = manifest.toDrop();
        Sku laces = drop.sku("GL-1").orElseThrow();

        assertThat(laces.waveUnits()).containsExactly(50, 200);
        for (int wave = 0; wave <= 3; wave++) {
            for (Sku sku : drop.skus()) {
                assertThat(sku.releasedAfter(drop.wavePlan(), wave)).as("%s after wave %d", sku.sku(), wave)
                        .isEqualTo(manifest.releasedAfter(wave).get(sku.sku()));
            }
        }
        // A SKU split by hub releases its units per wave at every hub, pro rata, all of them with the last wave.
        assertThat(laces.hubsReleasedAfter(drop.wavePlan(), 1)).containsExactly(Map.entry("berlin-mitte", 50));
        assertThat(laces.hubsReleasedAfter(drop.wavePlan(), 2)).containsExactly(Map.entry("berlin-mitte", 250));
    }

    @Test
    void unitsThatAreNotOneShare_stayOnTheManifestAsWaveUnits() {
        // NR-41 gets half in the first wave, GL-1 a fifth: no one share does both.
        DropManifest manifest = manifest(new ManifestWaves.ByUnits(List.of(
                        new ManifestWaves.UnitWave(Duration.ZERO, Map.of("NR-41", 50, "GL-1", 50)),
                        new ManifestWaves.UnitWave(Duration.ofHours(1), Map.of("NR-41", 50, "GL-1", 200)))),
                variant("NR-41", 100), variant("GL-1", 250));

        assertThat(manifest.violations()).isEmpty();
        assertThat(manifest.waveUnits()).containsExactly(
                Map.entry("NR-41", List.of(50, 50)), Map.entry("GL-1", List.of(50, 200)));
        assertThat(manifest.releasedAfter(1)).containsExactly(Map.entry("NR-41", 50), Map.entry("GL-1", 50));
        // The drop's plan is the whole drop's pace: 100 of 350 units in the first wave, rounded down.
        assertThat(manifest.toDrop().wavePlan().waves()).extracting(Wave::shareBasisPoints)
                .containsExactly(2_857, 7_143);
    }

    @Test
    void unitsWithEqualSharesButOddTotals_findSharesThatRoundToEachSkusUnits() {
        // 1/3 of 3 units and 1/3 of 30 units: 3334 basis points floor to 1 and 10.
        DropManifest manifest = manifest(new ManifestWaves.ByUnits(List.of(
                        new ManifestWaves.UnitWave(Duration.ZERO, Map.of("A", 1, "B", 10)),
                        new ManifestWaves.UnitWave(Duration.ofMinutes(30), Map.of("A", 1, "B", 10)),
                        new ManifestWaves.UnitWave(Duration.ofHours(1), Map.of("A", 1, "B", 10)))),
                variant("A", 3), variant("B", 30));

        assertThat(manifest.waveUnits()).isEmpty();
        assertThat(manifest.wavePlan().waves()).extracting(Wave::shareBasisPoints).containsExactly(3_334, 3_333, 3_333);
    }

    @Test
    void toDrop_carriesIdentityWindowLimitsHubsSkusHubSplitsShipFromAndEarlyAccess() {
        DropManifest manifest = new DropManifest("neon-runners", "Neon Runners", Currency.getInstance("EUR"), BERLIN,
                OPENS, CLOSES, 2, 10, true, List.of("berlin-mitte"), false,
                List.of(new Product("neon-runner", "Neon Runner", List.of(
                        new Variant("NR-42", "EU 42", 12_900, 100, Map.of("berlin-mitte", 100))))),
                ManifestWaves.standard(),
                Optional.of(new Insiders(Duration.ofMinutes(30), 1_000, 1)),
                List.of(new Hub("berlin-mitte", "Berlin Mitte", "Torstraße 109", List.of())),
                Optional.empty());

        Drop drop = manifest.toDrop();

        assertThat(drop.dropId()).isEqualTo("neon-runners");
        assertThat(drop.opensAt()).isEqualTo(OPENS);
        assertThat(drop.closesAt()).isEqualTo(CLOSES);
        assertThat(drop.holdDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(drop.restockOnRefund()).isFalse();
        assertThat(drop.skus()).containsExactly(new Sku("NR-42", "neon-runner", "Neon Runner", "EU 42",
                new dev.microdrop.core.drop.Money(12_900, Currency.getInstance("EUR")), 100,
                Map.of("berlin-mitte", 100)));
        assertThat(drop.hub("berlin-mitte")).isPresent();
        assertThat(drop.shipFrom()).containsExactly("berlin-mitte");
        assertThat(drop.wavePlan()).isEqualTo(WavePlan.standard(OPENS));
        assertThat(drop.insiders().opensAt()).isEqualTo(OPENS.minus(Duration.ofMinutes(30)));
        assertThat(manifest.reservedForInsiders()).containsExactly(Map.entry("NR-42", 4));
        assertThat(drop.insiders().reserved(40)).isEqualTo(4);
    }

    @Test
    void toDrop_refusesAManifestThatBreaksItsRules() {
        DropManifest manifest = manifest(new ManifestWaves.ByShare(List.of(
                new ManifestWaves.ShareWave(Duration.ZERO, 9_000))), variant("NR-41", 100));

        assertThat(manifest.violations()).containsExactly(
                new ManifestViolation("/waves", "the wave shares add up to 90%, not 100%"));
        assertThatThrownBy(manifest::toDrop).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("90%");
    }

    @Test
    void unitWaves_mustAddUpToEachSku_andNameOnlyKnownSkus() {
        DropManifest manifest = manifest(new ManifestWaves.ByUnits(List.of(
                        new ManifestWaves.UnitWave(Duration.ZERO, Map.of("NR-41", 60, "NR-99", 5)),
                        new ManifestWaves.UnitWave(Duration.ofHours(1), Map.of("NR-41", 30)))),
                variant("NR-41", 100));

        assertThat(manifest.violations()).containsExactly(
                new ManifestViolation("/waves/0/units/NR-99", "no variant has SKU NR-99"),
                new ManifestViolation("/waves", "the waves release 90 units of NR-41, but the variant has 100"));
    }

    @Test
    void limitsAndShares_areCheckedWithTheirPaths() {
        DropManifest manifest = new DropManifest("drop", "Drop", Currency.getInstance("XXX"), BERLIN, OPENS, CLOSES,
                0, 0, false, List.of("berlin-mitte"), true,
                List.of(new Product("p", "P", List.of(variant("NR-41", 1)))),
                ManifestWaves.standard(),
                Optional.of(new Insiders(Duration.ZERO, 0, 3)),
                List.of(),
                Optional.of(new Preorder(12_000, 0, CLOSES)));

        assertThat(manifest.violations()).extracting(ManifestViolation::path).containsExactly(
                "/currency", "/perBuyerLimit", "/holdMinutes", "/shipFrom", "/shipFrom/0", "/shipping",
                "/insiders/opensBefore", "/insiders/reservedShare", "/preorder/depositShare", "/preorder/cap",
                "/preorder/confirmBy");
    }

    private static void assertNeverLosesOrInvents(DropManifest manifest, String context) {
        int waves = manifest.waves().size();
        for (Map.Entry<String, Integer> sku : manifest.totalUnits().entrySet()) {
            int previous = 0;
            int sumOfWaves = 0;
            for (int wave = 1; wave <= waves; wave++) {
                int released = manifest.releasedAfter(wave).get(sku.getKey());
                assertThat(released).as("%s, %s after wave %d", context, sku, wave).isBetween(previous, sku.getValue());
                sumOfWaves += released - previous;
                previous = released;
            }
            assertThat(sumOfWaves).as("%s, %s", context, sku).isEqualTo(sku.getValue());
            assertThat(manifest.releasedAfter(0).get(sku.getKey())).isZero();
        }
    }

    private static void variantsHaveTheirTotal(WavePlan plan, Variant[] variants, String context) {
        for (Variant v : variants) {
            int previous = 0;
            for (int wave = 1; wave <= plan.waves().size(); wave++) {
                int released = plan.releasedAfter(wave, v.units());
                assertThat(released).as(context).isBetween(previous, v.units());
                previous = released;
            }
            assertThat(previous).as(context).isEqualTo(v.units());
        }
    }

    /** {@code total} cut into {@code parts} non-negative parts (positive if asked and possible) that sum to it. */
    private static List<Integer> split(Random random, int total, int parts, boolean positive) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < parts - 1; i++) {
            cuts.add(positive ? 1 + random.nextInt(Math.max(1, total - 1)) : random.nextInt(total + 1));
        }
        cuts.add(0);
        cuts.add(total);
        cuts.sort(null);
        List<Integer> split = new ArrayList<>();
        for (int i = 1; i < cuts.size(); i++) {
            split.add(cuts.get(i) - cuts.get(i - 1));
        }
        if (positive && split.contains(0)) {
            return split(random, total, parts, true);
        }
        return split;
    }

    private static Variant[] randomVariants(Random random) {
        int count = 1 + random.nextInt(4);
        Variant[] variants = new Variant[count];
        for (int i = 0; i < count; i++) {
            // Mostly drop-sized totals, now and then 0 or one that overflows an int product.
            int total = switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1 -> random.nextInt(Integer.MAX_VALUE / 2);
                default -> random.nextInt(1_000);
            };
            variants[i] = variant("SKU-" + i, total);
        }
        return variants;
    }

    private static WavePlan plan(List<Integer> shares) {
        List<Wave> waves = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            waves.add(new Wave(i + 1, OPENS.plus(Duration.ofMinutes(10L * i)), shares.get(i)));
        }
        return new WavePlan(waves);
    }

    private static Variant variant(String sku, int units) {
        return new Variant(sku, sku, 1_000, units);
    }

    private static DropManifest manifest(ManifestWaves waves, Variant... variants) {
        return new DropManifest("test-drop", "Test drop", Currency.getInstance("EUR"), BERLIN, OPENS, CLOSES, 2, 10,
                true, List.of(), true, List.of(new Product("product", "Product", List.of(variants))), waves,
                Optional.empty(), List.of(), Optional.empty());
    }
}
