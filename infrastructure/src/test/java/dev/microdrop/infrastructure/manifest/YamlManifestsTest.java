package dev.microdrop.infrastructure.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microdrop.core.drop.Drop;
import dev.microdrop.core.drop.Sku;
import dev.microdrop.core.drop.Wave;
import dev.microdrop.core.drop.Coordinates;
import dev.microdrop.core.drop.PickupHub;
import dev.microdrop.core.manifest.DropManifest;
import dev.microdrop.core.manifest.Hub;
import dev.microdrop.core.manifest.PickupSlot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merchant's side of a manifest: the example drop reads into the drop it describes, and every broken file
 * says what is wrong, at which field and on which line.
 */
class YamlManifestsTest {

    /** Relative to the module directory, which is Surefire's working directory. */
    private static final Path EXAMPLE = Path.of("../drops/neon-runners.yaml");
    /** The base's line 49 (the second hub's address), to be followed by one more field of that hub on line 50. */
    private static final String HAMBURG = "    address: Schulterblatt 58, 20357 Hamburg\n    ";

    @Test
    void theExampleDrop_readsIntoTheDropItDescribes_inUtc() throws IOException {
        DropManifest manifest = parsed(Files.readString(EXAMPLE), "neon-runners.yaml");
        Drop drop = manifest.toDrop();

        // Europe/Berlin is UTC+1 in December: 10:00 local is 09:00Z.
        assertThat(drop.opensAt()).isEqualTo(Instant.parse("2026-12-05T09:00:00Z"));
        assertThat(drop.closesAt()).isEqualTo(Instant.parse("2026-12-06T19:00:00Z"));
        assertThat(drop.dropId()).isEqualTo("neon-runners");
        assertThat(drop.name()).isEqualTo("Neon Runners: 300 pairs, one weekend");
        assertThat(drop.currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(drop.perBuyerLimit()).isEqualTo(2);
        assertThat(drop.holdDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(drop.shipping()).isTrue();
        assertThat(drop.restockOnRefund()).isTrue();

        assertThat(drop.wavePlan().waves()).extracting(Wave::at).containsExactly(
                Instant.parse("2026-12-05T09:00:00Z"), Instant.parse("2026-12-05T09:30:00Z"),
                Instant.parse("2026-12-05T11:00:00Z"));
        assertThat(drop.wavePlan().waves()).extracting(Wave::shareBasisPoints).containsExactly(4_000, 4_000, 2_000);

        assertThat(drop.skus()).extracting(Sku::sku, Sku::productId, Sku::totalUnits, s -> s.price().minorUnits())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("NR-41", "neon-runner", 100, 12_900L),
                        org.assertj.core.groups.Tuple.tuple("NR-42", "neon-runner", 100, 12_900L),
                        org.assertj.core.groups.Tuple.tuple("NR-43", "neon-runner", 100, 12_900L),
                        org.assertj.core.groups.Tuple.tuple("GL-1", "glow-laces", 250, 900L));
        assertThat(manifest.releasedAfter(1)).containsExactly(Map.entry("NR-41", 40), Map.entry("NR-42", 40),
                Map.entry("NR-43", 40), Map.entry("GL-1", 100));
        assertThat(manifest.releasedAfter(2)).containsExactly(Map.entry("NR-41", 80), Map.entry("NR-42", 80),
                Map.entry("NR-43", 80), Map.entry("GL-1", 200));
        assertThat(manifest.waveUnits()).isEmpty();

        assertThat(drop.hubs()).extracting(h -> h.hubId()).containsExactly("berlin-mitte", "hamburg-schanze");
        assertThat(manifest.shipFrom()).containsExactly("berlin-mitte", "hamburg-schanze");
        assertThat(manifest.variant("NR-43").orElseThrow().hubs())
                .containsExactly(Map.entry("berlin-mitte", 50), Map.entry("hamburg-schanze", 50));
        Hub berlin = manifest.hubs().getFirst();
        assertThat(berlin.address()).isEqualTo("Torstraße 109, 10119 Berlin");
        assertThat(berlin.slots().getFirst()).isEqualTo(new PickupSlot(Instant.parse("2026-12-05T13:00:00Z"),
                Instant.parse("2026-12-05T17:00:00Z"), 60));

        assertThat(manifest.insidersOpenAt()).contains(Instant.parse("2026-12-05T08:30:00Z"));
        assertThat(manifest.reservedForInsiders()).containsExactly(Map.entry("NR-41", 4), Map.entry("NR-42", 4),
                Map.entry("NR-43", 4), Map.entry("GL-1", 10));
        assertThat(drop.insiders().opensAt()).isEqualTo(Instant.parse("2026-12-05T08:30:00Z"));
        assertThat(manifest.preorder()).isEmpty();
    }

    @Test
    void localTimes_followTheZonesSummerTime() {
        // Same wall-clock times in June: Berlin is UTC+2, New York UTC-4.
        String june = base().replace("opens: 2026-12-05T10:00", "opens: 2026-06-05T10:00");
        assertThat(parsed(june, "june.yaml").opensAt()).isEqualTo(Instant.parse("2026-06-05T08:00:00Z"));

        String newYork = june.replace("timeZone: Europe/Berlin", "timeZone: America/New_York");
        assertThat(parsed(newYork, "new-york.yaml").opensAt()).isEqualTo(Instant.parse("2026-06-05T14:00:00Z"));
    }

    @Test
    void omittedWavesAndRestock_takeTheirDefaults() {
        String yaml = edit(base(), line(32, "#"), line(33, "#"), line(34, "#"), line(35, "#"));
        DropManifest manifest = parsed(yaml, "defaults.yaml");

        assertThat(manifest.toDrop().wavePlan()).isEqualTo(dev.microdrop.core.drop.WavePlan.standard(
                Instant.parse("2026-12-05T09:00:00Z")));
        assertThat(manifest.restockOnRefund()).isTrue();
    }

    @Test
    void unitWaves_thatAreOneShareForEverySku_becomeTheDropsShares() {
        String yaml = edit(base(),
                line(33, "  - {after: PT0S, units: {NR-41: 40, NR-42: 40, GL-1: 100}}"),
                line(34, "  - {after: PT30M, units: {NR-41: 40, NR-42: 40, GL-1: 100}}"),
                line(35, "  - {after: PT2H, units: {NR-41: 20, NR-42: 20, GL-1: 50}}"));
        DropManifest manifest = parsed(yaml, "units.yaml");

        assertThat(manifest.waveUnits()).isEmpty();
        assertThat(manifest.toDrop().wavePlan().waves()).extracting(Wave::shareBasisPoints)
                .containsExactly(4_000, 4_000, 2_000);
    }

    @Test
    void aVariantsShards_reachItsSku_andDefaultToOne() {
        String yaml = edit(base(), line(24, "        units: 100\n        shards: 4"));

        Drop drop = parsed(yaml, "sharded.yaml").toDrop();

        assertThat(drop.sku("NR-42").orElseThrow().shards()).isEqualTo(4);
        assertThat(drop.sku("NR-41").orElseThrow().shards()).isEqualTo(1);
    }

    @Test
    void percentages_takeTwoDecimals() {
        String yaml = edit(base(), line(33, "  - {after: PT0S, share: 33.33}"), line(34, "  - {after: PT30M, share: 33.33}"),
                line(35, "  - {after: PT2H, share: 33.34}"));

        assertThat(parsed(yaml, "thirds.yaml").toDrop().wavePlan().waves()).extracting(Wave::shareBasisPoints)
                .containsExactly(3_333, 3_333, 3_334);
    }

    @Test
    void theExampleDrop_namesItsStorefrontsOrigins() throws IOException {
        DropManifest manifest = parsed(Files.readString(EXAMPLE), "neon-runners.yaml");

        assertThat(manifest.storefront()).hasValueSatisfying(storefront -> assertThat(storefront.origins())
                .containsExactly("https://neon-runners.example.com", "https://shop.example.com"));
    }

    @Test
    void theExampleDrop_carriesItsStoryCadenceHubPositionsAndPromises_intoTheDrop() throws IOException {
        Drop drop = parsed(Files.readString(EXAMPLE), "neon-runners.yaml").toDrop();

        assertThat(drop.listing().story()).startsWith("The Neon Runner glows after dark").endsWith("shipped.\n");
        assertThat(drop.listing().cadence()).isEqualTo("every first Saturday of the month");
        assertThat(drop.listing().storefrontUrl()).isEqualTo("https://neon-runners.example.com");
        assertThat(drop.listing().interests()).containsExactly("running", "sneakers");
        PickupHub berlin = drop.hubs().getFirst();
        assertThat(berlin.address()).isEqualTo("Torstraße 109, 10119 Berlin");
        assertThat(berlin.coordinates()).isEqualTo(new Coordinates(52.5291, 13.4014));
        assertThat(berlin.pickupPromise()).isEqualTo(Duration.ofHours(3));
        assertThat(drop.shiftedBy(Duration.ofDays(1)).hubs().getFirst())
                .as("moving the timeline keeps where the hub is and what it promises")
                .extracting(PickupHub::address, PickupHub::coordinates, PickupHub::pickupPromise)
                .containsExactly(berlin.address(), berlin.coordinates(), berlin.pickupPromise());
        assertThat(drop.shiftedBy(Duration.ofDays(1)).listing()).isEqualTo(drop.listing());
    }

    @Test
    void theNewFieldsAreOptional_andTheirAbsenceIsNothing() {
        Drop drop = parsed(base(), "base.yaml").toDrop();

        assertThat(drop.listing().story()).isNull();
        assertThat(drop.listing().cadence()).isNull();
        assertThat(drop.listing().interests()).isEmpty();
        assertThat(drop.hubs()).allSatisfy(hub -> {
            assertThat(hub.coordinates()).isNull();
            assertThat(hub.pickupPromise()).isNull();
        });
    }

    @Test
    void layersOfEarlyAccess_reachTheDrop_eachAtItsMoment_andAreCheckedAgainstTheInsiders() {
        String layered = base().replace("insiders:\n", "insiders:\n  layers:\n"
                + "    - {layer: past-buyers, opensBefore: PT20M}\n    - {layer: audience, opensBefore: PT10M}\n");
        Drop drop = parsed(layered, "layered.yaml").toDrop();

        assertThat(drop.insiders().layers()).extracting(dev.microdrop.core.drop.Insiders.Layer::name)
                .containsExactly("past-buyers", "audience");
        assertThat(drop.insiders().opensAtFor("audience")).contains(drop.opensAt().minus(Duration.ofMinutes(10)));
        assertThat(drop.insiders().opensAtFor("insiders")).contains(drop.insiders().opensAt());

        assertThat(errors(base().replace("insiders:\n", "insiders:\n  layers:\n"
                + "    - {layer: everyone, opensBefore: PT10M}\n    - {layer: audience, opensBefore: PT9H}\n")))
                .extracting(ManifestError::field)
                .contains("/insiders/layers/0/layer", "/insiders/layers/1/opensBefore");
    }

    @Test
    void aLayersOwnShare_reachesTheDrop_andTheSharesTogetherAreAtMostAWhole() {
        String layered = base().replace("insiders:\n", "insiders:\n  layers:\n"
                + "    - {layer: past-buyers, opensBefore: PT20M, reservedShare: 25.5}\n"
                + "    - {layer: audience, opensBefore: PT10M}\n");
        Drop drop = parsed(layered, "layered.yaml").toDrop();

        assertThat(drop.insiders().layers()).extracting(dev.microdrop.core.drop.Insiders.Layer::reservedBasisPoints)
                .containsExactly(2_550, null);
        assertThat(drop.insiders().trancheOf("past-buyers")).contains("past-buyers");
        assertThat(drop.insiders().trancheOf("audience")).as("buys from the insiders' tranche").isEmpty();

        // The insiders' reservedShare in base.yaml is 10: 10 + 60 + 40 is more than a whole first wave.
        assertThat(errors(base().replace("insiders:\n", "insiders:\n  layers:\n"
                + "    - {layer: past-buyers, opensBefore: PT20M, reservedShare: 60}\n"
                + "    - {layer: audience, opensBefore: PT10M, reservedShare: 40}\n")))
                .extracting(ManifestError::field).containsExactly("/insiders/layers");
        assertThat(errors(base().replace("insiders:\n", "insiders:\n  layers:\n"
                + "    - {layer: past-buyers, opensBefore: PT20M, reservedShare: 0}\n")))
                .extracting(ManifestError::field).containsExactly("/insiders/layers/0/reservedShare");
    }

    @Test
    void coordinatesAtTheirBounds_andAnIntegerDegree_areValid() {
        String yaml = base(line(49, HAMBURG + "coordinates: {lat: -90, lon: 180.0}"
                + "\n    pickupPromise: P7D"));

        Hub hub = parsed(yaml, "bounds.yaml").hubs().get(1);

        assertThat(hub.coordinates()).contains(new dev.microdrop.core.manifest.Coordinates(-90, 180));
        assertThat(hub.pickupPromise()).contains(Duration.ofDays(7));
    }

    @Test
    void aManifestWithoutAStorefront_isValid_andHasNone() {
        String yaml = base(line(52, "#"), line(53, "#"));

        assertThat(parsed(yaml, "no-storefront.yaml").storefront()).isEmpty();
    }

    static Stream<Broken> brokenManifests() {
        return Stream.of(
                broken("missing dropId", base(line(2, "# no dropId")),
                        "/dropId", 3, "required field dropId is missing"),
                broken("currency that is no ISO 4217 code", base(line(4, "currency: EURO")),
                        "/currency", 4, "EURO is not an ISO 4217 currency code"),
                broken("currency in lower case", base(line(4, "currency: eur")),
                        "/currency", 4, "currency codes are upper case: EUR"),
                broken("price as a decimal string", base(line(18, "        price: \"12.90\"")),
                        "/products/0/variants/0/price", 18,
                        "must be a whole number, not \"12.90\"; prices are in minor units of the currency: 12900"),
                broken("price as a decimal", base(line(23, "        price: 129.00")),
                        "/products/0/variants/1/price", 23, "must be a whole number, not 129.00; prices are in minor"),
                broken("units in quotes", base(line(31, "        units: \"250\"")),
                        "/products/1/variants/0/units", 31, "must be a number, not text in quotes: \"250\""),
                broken("negative units", base(line(24, "        units: -1")),
                        "/products/0/variants/1/units", 24, "must not be negative: -1"),
                broken("shares summing to 90", base(line(35, "  - {after: PT2H, share: 10}")),
                        "/waves", 32, "the wave shares add up to 90%, not 100%"),
                broken("hub split not summing to units", base(line(20, "        hubs: {berlin-mitte: 50, hamburg-schanze: 40}")),
                        "/products/0/variants/0/hubs", 20, "the hub split adds up to 90 units, but the variant has 100"),
                broken("shards above 16", base(line(24, "        units: 100\n        shards: 17")),
                        "/products/0/variants/1/shards", 25, "a SKU's stock is kept in 1 to 16 shards, not 17"),
                broken("no shards", base(line(24, "        units: 100\n        shards: 0")),
                        "/products/0/variants/1/shards", 25, "a SKU's stock is kept in 1 to 16 shards, not 0"),
                broken("shards and a hub split", base(line(20, "        hubs: {berlin-mitte: 60, hamburg-schanze: 40}\n"
                                + "        shards: 4")),
                        "/products/0/variants/0/shards", 21, "a SKU split by hub cannot be sharded as well (yet)"),
                broken("unknown hub in a split", base(line(20, "        hubs: {berlin-mitte: 60, paris-marais: 40}")),
                        "/products/0/variants/0/hubs/paris-marais", 20,
                        "no hub paris-marais under hubs (there are: berlin-mitte, hamburg-schanze)"),
                broken("duplicate SKU across products", base(line(28, "      - sku: NR-42")),
                        "/products/1/variants/0/sku", 28, "SKU NR-42 is already used at /products/0/variants/1"),
                broken("slot before the drop opens",
                        base(line(45, "      - {start: 2026-12-05T08:00, end: 2026-12-05T12:00, capacity: 60}")),
                        "/hubs/0/slots/0/start", 45, "the slot starts at 2026-12-05T08:00, before the drop opens at "
                                + "2026-12-05T10:00"),
                broken("slot after the drop closes",
                        base(line(46, "      - {start: 2026-12-06T10:00, end: 2026-12-06T21:00, capacity: 120}")),
                        "/hubs/0/slots/1/end", 46, "the slot ends at 2026-12-06T21:00, after the drop closes at "
                                + "2026-12-06T20:00"),
                broken("slots overlapping",
                        base(line(46, "      - {start: 2026-12-05T17:00, end: 2026-12-06T19:00, capacity: 120}")),
                        "/hubs/0/slots/1/start", 46, "starts at 2026-12-05T17:00, before the one above ends at "
                                + "2026-12-05T18:00"),
                broken("slot ending before it starts",
                        base(line(45, "      - {start: 2026-12-05T14:00, end: 2026-12-05T13:00, capacity: 60}")),
                        "/hubs/0/slots/0/end", 45, "a slot ends after it starts"),
                broken("closes before opens", base(line(7, "closes: 2026-12-05T09:00")),
                        "/closes", 7, "the drop closes at 2026-12-05T09:00, which is not after it opens at "
                                + "2026-12-05T10:00").withOtherErrors(),
                broken("insider window after the opening", base(line(37, "  opensBefore: -PT30M")),
                        "/insiders/opensBefore", 37, "-PT30M would open their window at 2026-12-05T10:30, not before "
                                + "the drop opens at 2026-12-05T10:00"),
                broken("insider limit over the drop's", base(line(39, "  perBuyerLimit: 3")),
                        "/insiders/perBuyerLimit", 39, "an insider may buy at most 2"),
                broken("unknown field, with did-you-mean", base(line(8, "perBuyerLimt: 2")),
                        "/perBuyerLimt", 8, "unknown field perBuyerLimt; did you mean perBuyerLimit?"),
                broken("unknown field, nothing close", base(line(17, "        colour: red\n        name: EU 41")),
                        "/products/0/variants/0/colour", 17,
                        "unknown field colour; the fields here are sku, name, price, units, hubs, shards"),
                broken("field given twice", base(line(9, "holdMinutes: 10\nholdMinutes: 15")),
                        "/holdMinutes", 10, "field holdMinutes is given twice (first on line 9)"),
                broken("YAML syntax error", base(line(14, "    name: Runner: the original")),
                        "", 14, "YAML syntax: mapping values are not allowed here"),
                broken("tab indentation", base(line(14, "\tname: Runner")),
                        "", 14, "YAML syntax: found character '\\t(TAB)' that cannot start any token"),
                broken("invalid time zone", base(line(5, "timeZone: Europe/Berln")),
                        "/timeZone", 5, "Europe/Berln is not an IANA time zone; did you mean Europe/Berlin?"),
                broken("local time that summer time skips", base(line(6, "opens: 2026-03-29T02:30")),
                        "/opens", 6, "2026-03-29T02:30 does not exist in Europe/Berlin: clocks go forward from "
                                + "02:00 to 03:00"),
                broken("local time that winter time repeats", base(line(6, "opens: 2026-10-25T02:30")),
                        "/opens", 6, "2026-10-25T02:30 happens twice in Europe/Berlin"),
                broken("time with an offset", base(line(6, "opens: 2026-12-05T10:00+01:00")),
                        "/opens", 6, "leave the offset out"),
                broken("preorder deposit over 100", base(line(51, "  enabled: true\n  depositShare: 120\n  cap: 50\n"
                                + "  confirmBy: 2026-12-20T12:00")),
                        "/preorder/depositShare", 52, "a share is more than 0 and at most 100 (percent), not 120"),
                broken("preorder enabled without its terms", base(line(51, "  enabled: true")),
                        "/preorder/depositShare", 51, "required field depositShare is missing (preorders are enabled)")
                        .withOtherErrors(),
                broken("preorder confirmed before the drop closes", base(line(51, "  enabled: true\n  depositShare: 20\n"
                                + "  cap: 50\n  confirmBy: 2026-12-06T12:00")),
                        "/preorder/confirmBy", 54, "preorders are confirmed after the drop closes at 2026-12-06T20:00"),
                broken("boolean written as yes", base(line(10, "shipping: yes")),
                        "/shipping", 10, "must be true or false, not yes"),
                broken("name that reads as a number", base(line(3, "name: 2026")),
                        "/name", 3, "must be text, and 2026 reads as a number; put it in quotes: \"2026\""),
                broken("shipFrom naming an unknown hub", base(line(11, "shipFrom: [berlin-mitte, paris-marais]")),
                        "/shipFrom/1", 11, "no hub paris-marais under hubs"),
                broken("shipFrom without shipping", base(line(10, "shipping: false")),
                        "/shipFrom", 11, "shipFrom names hubs to ship from, but shipping is false"),
                broken("waves mixing share and units", base(line(34, "  - {after: PT30M, units: {NR-41: 40}}")),
                        "/waves/1", 34, "a plan is by share or by units, not a mix"),
                broken("waves out of order", base(line(34, "  - {after: PT3H, share: 40}")),
                        "/waves/2/after", 35, "wave 3 at PT2H is not after wave 2 at PT3H"),
                broken("wave after the drop closes", base(line(35, "  - {after: P2D, share: 20}")),
                        "/waves/2/after", 35, "wave 3 would come at 2026-12-07T10:00, once the drop has closed"),
                broken("unit waves not adding up to a SKU's units", base(
                                line(33, "  - {after: PT0S, units: {NR-41: 50, NR-42: 50, GL-1: 200}}"),
                                line(34, "  - {after: PT1H, units: {NR-41: 50, NR-42: 40, GL-1: 50}}"),
                                line(35, "#")),
                        "/waves", 32, "the waves release 90 units of NR-42, but the variant has 100"),
                broken("unit wave naming an unknown SKU", base(
                                line(33, "  - {after: PT0S, units: {NR-41: 100, NR-42: 100, GL-1: 250, NR-99: 1}}"),
                                line(34, "#"), line(35, "#")),
                        "/waves/0/units/NR-99", 33, "no variant has SKU NR-99"),
                broken("percentage with three decimals", base(line(38, "  reservedShare: 12.345")),
                        "/insiders/reservedShare", 38, "a percentage has at most two decimals (33.33), not 12.345"),
                broken("duration in weeks", base(line(37, "  opensBefore: P1W")),
                        "/insiders/opensBefore", 37, "must be an ISO 8601 duration such as PT30M, PT2H or P1D, not P1W"),
                broken("perBuyerLimit of 0", base(line(8, "perBuyerLimit: 0")),
                        "/perBuyerLimit", 8, "must be at least 1, not 0"),
                broken("products that are not a list", base(line(12, "products: none"),
                                line(13, "#"), line(14, "#"), line(15, "#"), line(16, "#"), line(17, "#"), line(18, "#"),
                                line(19, "#"), line(20, "#"), line(21, "#"), line(22, "#"), line(23, "#"), line(24, "#"),
                                line(25, "#"), line(26, "#"), line(27, "#"), line(28, "#"), line(29, "#"), line(30, "#"),
                                line(31, "#")),
                        "/products", 12, "must be a list (items starting with \"- \"), not none"),
                broken("a YAML tag", base(line(3, "name: !secret Test drop")),
                        "/name", 3, "YAML tags such as !secret are not allowed"),
                broken("a global tag that would construct a class", base(line(3,
                                "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL "
                                        + "[\"http://example.com/\"]]]]")),
                        "", 3, "YAML tags such as tag:yaml.org,2002:javax.script.ScriptEngineManager are not allowed"),
                broken("a merge key", base(line(41, "  - hubId: berlin-mitte\n    <<: {name: x}")),
                        "/hubs/0", 42, "merge keys (<<) are not supported"),
                broken("storefront origin over plain http", base(line(53, "  origins: [http://shop.example.com]")),
                        "/storefront/origins/0", 53, "an origin is https://host[:port] in lower case, with no path, "
                                + "wildcard or trailing slash (http only for localhost), not http://shop.example.com"),
                broken("storefront origin with a trailing slash", base(line(53, "  origins: [https://shop.example.com/]")),
                        "/storefront/origins/0", 53, "not https://shop.example.com/"),
                broken("storefront origin as a wildcard", base(line(53, "  origins: [\"*\"]")),
                        "/storefront/origins/0", 53, "not *"),
                broken("storefront origin listed twice",
                        base(line(53, "  origins:\n    - https://shop.example.com\n    - https://shop.example.com")),
                        "/storefront/origins/1", 55, "origin https://shop.example.com is listed twice"),
                broken("storefront without origins", base(line(53, "  origins: []")),
                        "/storefront/origins", 53, "name at least one origin"),
                broken("storefront origins misspelt", base(line(53, "  origin: [https://shop.example.com]")),
                        "/storefront/origin", 53, "unknown field origin; did you mean origins?"),
                broken("latitude beyond the pole", base(line(49, HAMBURG + "coordinates: {lat: 91, lon: 9.96}")),
                        "/hubs/1/coordinates/lat", 50, "a latitude is WGS 84 degrees from -90 to 90, not 91.0"),
                broken("latitude and longitude swapped", base(line(49, HAMBURG + "coordinates: {lat: 153.56, lon: 9.96}")),
                        "/hubs/1/coordinates/lat", 50, "are lat and lon swapped?"),
                broken("longitude beyond the date line", base(line(49, HAMBURG + "coordinates: {lat: 53.5, lon: -180.5}")),
                        "/hubs/1/coordinates/lon", 50, "a longitude is WGS 84 degrees from -180 to 180, not -180.5"),
                broken("coordinates as text", base(line(49, HAMBURG + "coordinates: {lat: \"53.5\", lon: 9.9}")),
                        "/hubs/1/coordinates/lat", 50, "must be decimal degrees such as 52.5291 or -0.1276, not \"53.5\""),
                broken("coordinates without lon", base(line(49, HAMBURG + "coordinates: {lat: 53.5}")),
                        "/hubs/1/coordinates/lon", 50, "required field lon is missing"),
                broken("coordinates as a pair", base(line(49, HAMBURG + "coordinates: [53.5, 9.9]")),
                        "/hubs/1/coordinates", 50, "must be a mapping of fields (lat, lon)"),
                broken("coordinates with a typo", base(line(49, HAMBURG + "coordinates: {lat: 53.5, long: 9.9}")),
                        "/hubs/1/coordinates/long", 50, "unknown field long; did you mean lon?").withOtherErrors(),
                broken("pickup promise that is no duration", base(line(49, HAMBURG + "pickupPromise: 3 hours")),
                        "/hubs/1/pickupPromise", 50, "must be an ISO 8601 duration such as PT30M, PT2H or P1D, not 3 hours"),
                broken("pickup promise of nothing", base(line(49, HAMBURG + "pickupPromise: PT0S")),
                        "/hubs/1/pickupPromise", 50, "a pickup promise is a positive duration such as PT3H, not PT0S"),
                broken("pickup promise beyond a week", base(line(49, HAMBURG + "pickupPromise: P8D")),
                        "/hubs/1/pickupPromise", 50, "a pickup promise is at most P7D (a week), not PT192H"),
                broken("story that is blank", base(line(2, "story: \" \"\ndropId: test-drop")),
                        "/story", 2, "must not be blank"),
                broken("story too long", base(line(2, "story: " + "x".repeat(2_001) + "\ndropId: test-drop")),
                        "/story", 2, "a story is at most 2000 characters, not 2001"),
                broken("story as a number", base(line(2, "story: 42\ndropId: test-drop")),
                        "/story", 2, "must be text, and 42 reads as a number"),
                broken("cadence over two lines", base(line(2, "cadence: \"monthly\\nor so\"\ndropId: test-drop")),
                        "/cadence", 2, "a cadence is one line"),
                broken("cadence too long", base(line(2, "cadence: " + "y".repeat(201) + "\ndropId: test-drop")),
                        "/cadence", 2, "a cadence is at most 200 characters, not 201"),
                broken("interest in capitals", base(line(2, "interests: [running, Streetwear]\ndropId: test-drop")),
                        "/interests/1", 2, "an interest is a lower-case tag of 1 to 32 letters a-z, digits or -, such"
                                + " as \"running\", as members choose them; not \"Streetwear\""),
                broken("interest named twice", base(line(2, "interests: [running, running]\ndropId: test-drop")),
                        "/interests/1", 2, "the interest \"running\" is named twice"),
                broken("too many interests", base(line(2, "interests: [a, b, c, d, e, f]\ndropId: test-drop")),
                        "/interests", 2, "a drop names at most 5 interests, not 6"),
                broken("interests as one tag", base(line(2, "interests: running\ndropId: test-drop")),
                        "/interests", 2, "must be a list"),
                broken("two documents in one file", base(line(51, "  enabled: false\n---\ndropId: other")),
                        "", 52, "YAML syntax: but found another document"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("brokenManifests")
    void aBrokenManifest_namesTheFieldAndLine(Broken broken) {
        ManifestResult result = YamlManifests.parse(broken.yaml, "broken.yaml");
        String name = broken.name;

        assertThat(result).as(name).isInstanceOf(ManifestResult.Invalid.class);
        List<ManifestError> errors = ((ManifestResult.Invalid) result).errors();
        assertThat(errors).as("%s:\n%s", name, ((ManifestResult.Invalid) result).report())
                .anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo(broken.field);
                    assertThat(error.line()).isEqualTo(broken.line);
                    assertThat(error.message()).contains(broken.message);
                });
        if (!broken.otherErrors) {
            assertThat(errors).as("%s:\n%s", name, ((ManifestResult.Invalid) result).report()).hasSize(1);
        }
    }

    @Test
    void theBaseOfTheBrokenManifests_isValid() {
        assertThat(YamlManifests.parse(base(), "base.yaml")).isInstanceOf(ManifestResult.Parsed.class);
    }

    @Test
    void everyErrorIsReported_inTheOrderOfTheFile_withTheFileName() {
        String yaml = base(line(4, "currency: eur"), line(18, "        price: 12.90"), line(8, "perBuyerLimt: 2"));

        ManifestResult.Invalid invalid = (ManifestResult.Invalid) YamlManifests.parse(yaml, "drops/test-drop.yaml");

        assertThat(invalid.errors()).extracting(ManifestError::line).containsExactly(4, 8, 18);
        assertThat(invalid.report()).startsWith("drops/test-drop.yaml:4: /currency: currency codes are upper case: EUR\n"
                + "drops/test-drop.yaml:8: /perBuyerLimt: unknown field perBuyerLimt; did you mean perBuyerLimit?\n");
    }

    @Test
    void anEmptyFile_orOneThatIsNotAMapping_isRefusedAtLineOne() {
        assertThat(errors("")).containsExactly(new ManifestError("", 1, "the manifest is empty"));
        assertThat(errors("# nothing yet\n")).containsExactly(new ManifestError("", 1, "the manifest is empty"));
        assertThat(errors("- a\n- b\n")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEmpty();
            assertThat(e.message()).startsWith("must be a mapping of fields (dropId, name,");
        });
    }

    @Test
    void aliasesBeyondTheLimit_areRefused_withTheLineOfTheFirstOneTooMany() {
        StringBuilder yaml = new StringBuilder("split: &split {berlin-mitte: 1}\n");
        for (int i = 1; i <= YamlManifests.MAX_ALIASES + 1; i++) {
            yaml.append("a").append(i).append(": *split\n");
        }

        assertThat(errors(yaml.toString())).containsExactly(new ManifestError("", YamlManifests.MAX_ALIASES + 2,
                "more than " + YamlManifests.MAX_ALIASES + " aliases (*name); write the values out"));
    }

    @Test
    void aBillionLaughs_isRefusedBeforeItIsExpanded() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            String previous = "*l" + (i - 1);
            yaml.append("l").append(i).append(": &l").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
        }

        assertThat(errors(yaml.toString())).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("aliases"));
    }

    @Test
    void deepNestingAndHugeFiles_areRefused() {
        String deep = "dropId: " + "[".repeat(YamlManifests.MAX_DEPTH + 5) + "]".repeat(YamlManifests.MAX_DEPTH + 5);
        assertThat(errors(deep)).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.message()).contains("nested more than");
        });

        String huge = base() + "#" + "x".repeat(YamlManifests.MAX_CODE_POINTS) + "\n";
        assertThat(errors(huge)).singleElement().satisfies(e -> {
            // The line right after the base's last one.
            assertThat(e.line()).isEqualTo(base().split("\n", -1).length);
            assertThat(e.message()).contains("characters long");
        });
    }

    @Test
    void didYouMean_suggestsNamesWithinACoupleOfTypos_orByPrefix() {
        List<String> fields = YamlManifests.FIELDS.get("manifest");

        assertThat(YamlManifests.closest("timezone", fields)).contains("timeZone");
        assertThat(YamlManifests.closest("opensAt", fields)).contains("opens");
        assertThat(YamlManifests.closest("holdMins", fields)).isEmpty();
        assertThat(YamlManifests.closest("sharePercent", YamlManifests.FIELDS.get("wave"))).contains("share");
        assertThat(YamlManifests.closest("colour", YamlManifests.FIELDS.get("variant"))).isEmpty();
    }

    // ---- fixtures

    /** A broken manifest and the error that must name it; the only one unless {@code otherErrors}. */
    record Broken(String name, String yaml, String field, int line, String message, boolean otherErrors) {

        /** The break also trips other rules (e.g. every wave is after a close moved before the opening). */
        Broken withOtherErrors() {
            return new Broken(name, yaml, field, line, message, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Replaces one line of the base (1-based); the replacement may span lines or be a comment. */
    record Edit(int line, String text) {
    }

    private static Broken broken(String name, String yaml, String field, int line, String message) {
        return new Broken(name, yaml, field, line, message, false);
    }

    private static Edit line(int line, String text) {
        return new Edit(line, text);
    }

    private static String base(Edit... edits) {
        return edit(base(), edits);
    }

    private static String edit(String yaml, Edit... edits) {
        List<String> lines = new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
        for (Edit edit : edits) {
            lines.set(edit.line - 1, edit.text);
        }
        return String.join("\n", lines);
    }

    private static String base() {
        try (InputStream in = YamlManifestsTest.class.getResourceAsStream("/manifests/base.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DropManifest parsed(String yaml, String fileName) {
        ManifestResult result = YamlManifests.parse(yaml, fileName);
        if (result instanceof ManifestResult.Invalid invalid) {
            throw new AssertionError("expected a valid manifest:\n" + invalid.report());
        }
        return ((ManifestResult.Parsed) result).manifest();
    }

    private static List<ManifestError> errors(String yaml) {
        ManifestResult result = YamlManifests.parse(yaml, "test.yaml");
        assertThat(result).isInstanceOf(ManifestResult.Invalid.class);
        return ((ManifestResult.Invalid) result).errors();
    }
}
