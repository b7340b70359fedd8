package dev.microdrop.infrastructure.manifest;

import dev.microdrop.core.manifest.Coordinates;
import dev.microdrop.core.manifest.DropManifest;
import dev.microdrop.core.manifest.Hub;
import dev.microdrop.core.manifest.Insiders;
import dev.microdrop.core.manifest.ManifestViolation;
import dev.microdrop.core.manifest.ManifestWaves;
import dev.microdrop.core.manifest.PickupSlot;
import dev.microdrop.core.manifest.Preorder;
import dev.microdrop.core.manifest.Product;
import dev.microdrop.core.manifest.Storefront;
import dev.microdrop.core.manifest.Variant;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a drop manifest (format: {@code drops/manifest.schema.json}) and says exactly what is wrong with a broken
 * one: every error names its field as a JSON Pointer and its 1-based line.
 *
 * <p>Safe by construction: SnakeYAML only <em>composes</em> the file into a tree of nodes (it never constructs an
 * object from a tag, and global tags are refused by its default tag inspector); we read the nodes ourselves and
 * refuse any tag but YAML's own. The file is bounded before it is read (size, aliases, nesting), so a hostile file
 * cannot exhaust memory.
 *
 * <p>Scalars are typed as YAML 1.2 does, not 1.1 as SnakeYAML resolves them: {@code NO} is text, and a boolean is
 * only {@code true} or {@code false}, as in the JSON Schema the merchant's editor checks against. A number in
 * quotes is text, not a number.
 */
public final class YamlManifests {

    /** A large drop (hundreds of SKUs, dozens of hubs and slots) is well under 100 KiB. */
    static final int MAX_CODE_POINTS = 256 * 1024;
    /** Anchors can tidy repeated hub splits; more than this many aliases is an attack, not a manifest. */
    static final int MAX_ALIASES = 50;
    /** The format nests six levels deep; this leaves room for mistakes to be reported, not for bombs. */
    static final int MAX_DEPTH = 20;

    /**
     * Field names of each object of the format, in the order the schema documents them. The schema's top-level
     * {@code properties} are {@code manifest}'s, and {@code $defs/<name>/properties} the others':
     * {@code ManifestFieldsTest} keeps the two equal.
     */
    static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("manifest", List.of("dropId", "name", "currency", "timeZone", "opens", "closes", "perBuyerLimit",
                    "holdMinutes", "shipping", "shipFrom", "restockOnRefund", "products", "waves", "insiders", "hubs",
                    "preorder", "storefront", "story", "cadence", "interests")),
            Map.entry("product", List.of("productId", "name", "variants")),
            Map.entry("variant", List.of("sku", "name", "price", "units", "hubs", "shards")),
            Map.entry("wave", List.of("after", "share", "units")),
            Map.entry("insiders", List.of("opensBefore", "reservedShare", "perBuyerLimit", "layers")),
            Map.entry("layer", List.of("layer", "opensBefore", "reservedShare")),
            Map.entry("hub", List.of("hubId", "name", "address", "coordinates", "pickupPromise", "slots")),
            Map.entry("coordinates", List.of("lat", "lon")),
            Map.entry("slot", List.of("start", "end", "capacity")),
            Map.entry("preorder", List.of("enabled", "depositShare", "cap", "confirmBy")),
            Map.entry("storefront", List.of("origins")));

    private static final Set<Tag> YAML_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP,
            Tag.SEQ, Tag.TIMESTAMP);
    private static final Pattern NULL_SCALAR = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL_SCALAR = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INT_SCALAR = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT_SCALAR =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Pattern WITH_OFFSET = Pattern.compile(".*T.*(Z|z|[+-]\\d{2}(:?\\d{2})?)");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern PERCENT = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    /** A plain decimal number: no exponent, no infinity, no NaN. */
    private static final Pattern DECIMAL = PERCENT;

    private YamlManifests() {
    }

    /**
     * @param yaml     the file's text
     * @param fileName how to name the file in {@link ManifestResult.Invalid#report()}
     */
    public static ManifestResult parse(String yaml, String fileName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(fileName, "fileName");
        Reading reading = new Reading();
        DropManifest manifest = reading.read(yaml);
        if (manifest == null) {
            return reading.invalid(fileName);
        }
        for (ManifestViolation violation : manifest.violations()) {
            reading.error(violation.path(), reading.lineOf(violation.path()), violation.message());
        }
        return reading.errors.isEmpty() ? new ManifestResult.Parsed(manifest) : reading.invalid(fileName);
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS + 1);
        // Backstops only: the scan in checkBounds finds these first, with a line to report.
        options.setMaxAliasesForCollections(MAX_ALIASES + 1);
        options.setNestingDepthLimit(MAX_DEPTH + 2);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        return options;
    }

    /** How YAML 1.2's core schema types a scalar: by its text when plain, text when quoted or a block. */
    private enum Kind {
        NULL, BOOL, INT, FLOAT, TEXT;

        static Kind of(ScalarNode scalar) {
            if (!scalar.isPlain()) {
                return TEXT;
            }
            String value = scalar.getValue();
            if (NULL_SCALAR.matcher(value).matches()) {
                return NULL;
            }
            if (BOOL_SCALAR.matcher(value).matches()) {
                return BOOL;
            }
            if (INT_SCALAR.matcher(value).matches()) {
                return INT;
            }
            return FLOAT_SCALAR.matcher(value).matches() ? FLOAT : TEXT;
        }
    }

    /** One reading of one file: the errors found so far and the line of every path seen. */
    private static final class Reading {

        private final List<ManifestError> errors = new ArrayList<>();
        private final Map<String, Integer> lines = new HashMap<>();

        DropManifest read(String yaml) {
            if (!withinBounds(yaml)) {
                return null;
            }
            Node root;
            try {
                root = new Yaml(options()).compose(new StringReader(yaml));
            } catch (MarkedYAMLException e) {
                syntaxError(e);
                return null;
            } catch (YAMLException e) {
                error("", 1, "the file cannot be read as YAML: " + e.getMessage());
                return null;
            }
            if (root == null) {
                error("", 1, "the manifest is empty");
                return null;
            }
            lines.put("", line(root));
            DropManifest manifest = manifest(root);
            return errors.isEmpty() ? manifest : null;
        }

        ManifestResult.Invalid invalid(String fileName) {
            List<ManifestError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(ManifestError::line));
            return new ManifestResult.Invalid(fileName, sorted);
        }

        /** The line of a path, or of its nearest ancestor the file has (a defaulted field has no line). */
        int lineOf(String path) {
            String at = path;
            while (!lines.containsKey(at) && !at.isEmpty()) {
                at = at.substring(0, at.lastIndexOf('/'));
            }
            return lines.getOrDefault(at, 1);
        }

        void error(String field, int line, String message) {
            errors.add(new ManifestError(field, line, message));
        }

        // ---- the file as a whole

        private boolean withinBounds(String yaml) {
            int codePoints = yaml.codePointCount(0, yaml.length());
            if (codePoints > MAX_CODE_POINTS) {
                int cut = yaml.offsetByCodePoints(0, MAX_CODE_POINTS);
                int line = (int) yaml.substring(0, cut).chars().filter(c -> c == '\n').count() + 1;
                error("", line, "the manifest is " + codePoints + " characters long; the most a manifest may be is "
                        + MAX_CODE_POINTS);
                return false;
            }
            try {
                int aliases = 0;
                int depth = 0;
                for (Event event : new Yaml(options()).parse(new StringReader(yaml))) {
                    if (event instanceof AliasEvent && ++aliases > MAX_ALIASES) {
                        error("", line(event.getStartMark()), "more than " + MAX_ALIASES
                                + " aliases (*name); write the values out");
                        return false;
                    }
                    if (event instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
                        error("", line(event.getStartMark()), "nested more than " + MAX_DEPTH + " levels deep");
                        return false;
                    }
                    if (event instanceof CollectionEndEvent) {
                        depth--;
                    }
                }
            } catch (MarkedYAMLException e) {
                syntaxError(e);
                return false;
            } catch (YAMLException e) {
                error("", 1, "the file cannot be read as YAML: " + e.getMessage());
                return false;
            }
            return true;
        }

        private void syntaxError(MarkedYAMLException e) {
            Mark problem = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            if (e.getProblem() != null && e.getProblem().startsWith("Global tag is not allowed")) {
                // SnakeYAML's tag inspector refused a tag that names a class: say so in the merchant's terms.
                error("", problem == null ? 1 : line(problem), "YAML tags such as "
                        + e.getProblem().substring(e.getProblem().indexOf(':') + 1).strip()
                        + " are not allowed in a manifest");
                return;
            }
            StringBuilder message = new StringBuilder("YAML syntax: ").append(e.getProblem());
            if (e.getContext() != null && e.getContextMark() != null && e.getContextMark() != problem) {
                message.append(" (").append(e.getContext()).append(" on line ").append(line(e.getContextMark()))
                        .append(')');
            }
            error("", problem == null ? 1 : line(problem), message.toString());
        }

        // ---- the format, object by object

        private DropManifest manifest(Node root) {
            Fields f = fields(root, "", "manifest", "dropId", "name", "currency", "timeZone", "opens", "closes",
                    "perBuyerLimit", "holdMinutes", "shipping", "products");
            if (f == null) {
                return null;
            }
            String dropId = f.text("dropId");
            String name = f.text("name");
            Currency currency = f.read("currency", this::currency);
            ZoneId zone = f.read("timeZone", this::zone);
            Instant opens = f.instant("opens", zone);
            Instant closes = f.instant("closes", zone);
            Integer perBuyerLimit = f.integer("perBuyerLimit");
            Integer holdMinutes = f.integer("holdMinutes");
            Boolean shipping = f.bool("shipping");
            List<String> shipFrom = f.has("shipFrom") ? f.read("shipFrom", this::shipFrom) : List.of();
            Boolean restockOnRefund = f.has("restockOnRefund") ? f.bool("restockOnRefund") : Boolean.TRUE;
            List<Product> products = f.read("products", (node, path) -> list(node, path, this::product));
            ManifestWaves waves = f.has("waves") ? f.read("waves", this::waves) : ManifestWaves.standard();
            Optional<Insiders> insiders = f.has("insiders")
                    ? Optional.ofNullable(f.read("insiders", this::insiders)) : Optional.empty();
            List<Hub> hubs = f.has("hubs")
                    ? f.read("hubs", (node, path) -> list(node, path, (n, p) -> hub(n, p, zone))) : List.of();
            Optional<Preorder> preorder = f.has("preorder")
                    ? f.read("preorder", (node, path) -> preorder(node, path, zone)) : Optional.empty();
            Optional<Storefront> storefront = f.has("storefront")
                    ? Optional.ofNullable(f.read("storefront", this::storefront)) : Optional.empty();
            Optional<String> story = f.has("story") ? Optional.ofNullable(f.text("story")) : Optional.empty();
            Optional<String> cadence = f.has("cadence") ? Optional.ofNullable(f.text("cadence")) : Optional.empty();
            List<String> interests = f.has("interests")
                    ? f.read("interests", (node, path) -> list(node, path, this::text)) : List.of();
            if (!errors.isEmpty()) {
                return null;
            }
            return new DropManifest(dropId, name, currency, zone, opens, closes, perBuyerLimit, holdMinutes, shipping,
                    shipFrom, restockOnRefund, products, waves, insiders, hubs, preorder, storefront, story, cadence,
                    interests);
        }

        private List<String> shipFrom(Node node, String path) {
            List<String> hubIds = list(node, path, this::text);
            if (hubIds != null && hubIds.isEmpty()) {
                error(path, line(node), "name at least one hub, or leave shipFrom out to ship from all the stock");
                return null;
            }
            return hubIds;
        }

        private Product product(Node node, String path) {
            Fields f = fields(node, path, "product", "productId", "name", "variants");
            if (f == null) {
                return null;
            }
            String productId = f.text("productId");
            String name = f.text("name");
            List<Variant> variants = f.read("variants", (n, p) -> list(n, p, this::variant));
            return allPresent(productId, name, variants) ? new Product(productId, name, variants) : null;
        }

        private Variant variant(Node node, String path) {
            Fields f = fields(node, path, "variant", "sku", "name", "price", "units");
            if (f == null) {
                return null;
            }
            String sku = f.text("sku");
            String name = f.text("name");
            Long price = f.read("price", (n, p) -> number(n, p,
                    "; prices are in minor units of the currency: 12900 for 129.00"));
            Integer units = f.integer("units");
            Map<String, Integer> hubs = f.has("hubs") ? f.read("hubs", this::counts) : Map.of();
            Integer shards = f.has("shards") ? f.integer("shards") : Integer.valueOf(1);
            return allPresent(sku, name, price, units, hubs, shards)
                    ? new Variant(sku, name, price, units, hubs, shards) : null;
        }

        private ManifestWaves waves(Node node, String path) {
            List<Fields> waves = list(node, path, (n, p) -> fields(n, p, "wave", "after"));
            if (waves == null) {
                return null;
            }
            if (waves.isEmpty()) {
                error(path, lineOf(path), "name at least one wave, or leave waves out for the standard 40/40/20");
                return null;
            }
            boolean byUnits = waves.getFirst().has("units") && !waves.getFirst().has("share");
            List<ManifestWaves.ShareWave> shares = new ArrayList<>();
            List<ManifestWaves.UnitWave> units = new ArrayList<>();
            for (Fields wave : waves) {
                Duration after = wave.read("after", this::duration);
                if (wave.has("share") == wave.has("units")) {
                    error(wave.path, wave.line, wave.has("share")
                            ? "a wave gives either share or units, not both"
                            : "a wave gives share (percent of every SKU) or units (per SKU)");
                } else if (wave.has("units") != byUnits) {
                    error(wave.path, wave.line, "every wave gives " + (byUnits ? "units" : "share")
                            + " like the first one: a plan is by share or by units, not a mix");
                } else if (byUnits) {
                    Map<String, Integer> perSku = wave.read("units", this::counts);
                    if (allPresent(after, perSku)) {
                        units.add(new ManifestWaves.UnitWave(after, perSku));
                    }
                } else {
                    Integer share = wave.read("share", this::percent);
                    if (allPresent(after, share)) {
                        shares.add(new ManifestWaves.ShareWave(after, share));
                    }
                }
            }
            return byUnits ? new ManifestWaves.ByUnits(units) : new ManifestWaves.ByShare(shares);
        }

        private Insiders insiders(Node node, String path) {
            Fields f = fields(node, path, "insiders", "opensBefore", "reservedShare", "perBuyerLimit");
            if (f == null) {
                return null;
            }
            Duration opensBefore = f.read("opensBefore", this::duration);
            Integer reserved = f.read("reservedShare", this::percent);
            Integer perBuyerLimit = f.integer("perBuyerLimit");
            List<Insiders.Layer> layers = f.has("layers")
                    ? f.read("layers", (n, p) -> list(n, p, this::layer)) : List.of();
            return allPresent(opensBefore, reserved, perBuyerLimit) && layers != null
                    ? new Insiders(opensBefore, reserved, perBuyerLimit, layers) : null;
        }

        private Insiders.Layer layer(Node node, String path) {
            Fields f = fields(node, path, "layer", "layer", "opensBefore");
            if (f == null) {
                return null;
            }
            String name = f.text("layer");
            Duration opensBefore = f.read("opensBefore", this::duration);
            Integer reserved = f.has("reservedShare") ? f.read("reservedShare", this::percent) : null;
            boolean read = !f.has("reservedShare") || reserved != null;
            return read && allPresent(name, opensBefore) ? new Insiders.Layer(name, opensBefore, reserved) : null;
        }

        private Hub hub(Node node, String path, ZoneId zone) {
            Fields f = fields(node, path, "hub", "hubId", "name", "address");
            if (f == null) {
                return null;
            }
            String hubId = f.text("hubId");
            String name = f.text("name");
            String address = f.text("address");
            Optional<Coordinates> coordinates = f.has("coordinates")
                    ? Optional.ofNullable(f.read("coordinates", this::coordinates)) : Optional.empty();
            Optional<Duration> pickupPromise = f.has("pickupPromise")
                    ? Optional.ofNullable(f.read("pickupPromise", this::duration)) : Optional.empty();
            List<PickupSlot> slots = f.has("slots")
                    ? f.read("slots", (n, p) -> list(n, p, (item, at) -> slot(item, at, zone))) : List.of();
            boolean read = (!f.has("coordinates") || coordinates.isPresent())
                    && (!f.has("pickupPromise") || pickupPromise.isPresent());
            return read && allPresent(hubId, name, address, slots)
                    ? new Hub(hubId, name, address, slots, coordinates, pickupPromise) : null;
        }

        private Coordinates coordinates(Node node, String path) {
            Fields f = fields(node, path, "coordinates", "lat", "lon");
            if (f == null) {
                return null;
            }
            Double lat = f.read("lat", this::degrees);
            Double lon = f.read("lon", this::degrees);
            return allPresent(lat, lon) ? new Coordinates(lat, lon) : null;
        }

        /** Decimal degrees: 52.5291 or -0.1276; the ranges are the manifest's rules. */
        private Double degrees(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "decimal degrees");
            if (scalar == null) {
                return null;
            }
            Kind kind = Kind.of(scalar);
            String value = scalar.getValue();
            if (kind != Kind.INT && kind != Kind.FLOAT || !DECIMAL.matcher(value).matches()) {
                error(path, line(node), "must be decimal degrees such as 52.5291 or -0.1276, not " + shown(scalar)
                        + (scalar.isPlain() ? "" : " (write numbers without quotes)"));
                return null;
            }
            return Double.valueOf(value);
        }

        private PickupSlot slot(Node node, String path, ZoneId zone) {
            Fields f = fields(node, path, "slot", "start", "end", "capacity");
            if (f == null) {
                return null;
            }
            Instant start = f.instant("start", zone);
            Instant end = f.instant("end", zone);
            Integer capacity = f.integer("capacity");
            return allPresent(start, end, capacity) ? new PickupSlot(start, end, capacity) : null;
        }

        private Optional<Preorder> preorder(Node node, String path, ZoneId zone) {
            Fields f = fields(node, path, "preorder", "enabled");
            if (f == null) {
                return null;
            }
            Boolean enabled = f.bool("enabled");
            if (Boolean.TRUE.equals(enabled)) {
                for (String required : List.of("depositShare", "cap", "confirmBy")) {
                    if (!f.has(required)) {
                        error(f.path(required), f.line, "required field " + required + " is missing (preorders "
                                + "are enabled)");
                    }
                }
            }
            // Read even when disabled, so a typo is caught before the day preorders are switched on.
            Integer deposit = f.has("depositShare") ? f.read("depositShare", this::percent) : null;
            Integer cap = f.has("cap") ? f.integer("cap") : null;
            Instant confirmBy = f.has("confirmBy") ? f.instant("confirmBy", zone) : null;
            if (!Boolean.TRUE.equals(enabled)) {
                return Optional.empty();
            }
            return allPresent(deposit, cap, confirmBy)
                    ? Optional.of(new Preorder(deposit, cap, confirmBy)) : null;
        }

        private Storefront storefront(Node node, String path) {
            Fields f = fields(node, path, "storefront", "origins");
            if (f == null) {
                return null;
            }
            List<String> origins = f.read("origins", (n, p) -> list(n, p, this::text));
            return allPresent(origins) ? new Storefront(origins) : null;
        }

        // ---- structure

        /**
         * The fields of a mapping, each field's line recorded. Unknown, duplicate and missing required fields
         * are reported here; null when the node is not a mapping.
         */
        private Fields fields(Node node, String path, String kind, String... required) {
            if (!(node instanceof MappingNode mapping)) {
                error(path, line(node), "must be a mapping of fields (" + String.join(", ", FIELDS.get(kind))
                        + "), not " + describe(node));
                return null;
            }
            if (!tagAllowed(node, path)) {
                return null;
            }
            List<String> known = FIELDS.get(kind);
            Fields fields = new Fields(path, line(mapping));
            Set<String> suggested = new HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (key.getTag().equals(Tag.MERGE)) {
                    error(path, line(key), "merge keys (<<) are not supported: write the fields out");
                    continue;
                }
                if (!(key instanceof ScalarNode scalar) || Kind.of(scalar) == Kind.NULL) {
                    error(path, line(key), "a field name is a plain word, not " + describe(key));
                    continue;
                }
                String name = scalar.getValue();
                String at = path + "/" + pointerSegment(name);
                if (!known.contains(name)) {
                    Optional<String> meant = closest(name, known);
                    meant.ifPresent(suggested::add);
                    error(at, line(key), "unknown field " + name + meant.map(s -> "; did you mean " + s + "?")
                            .orElse("; the fields here are " + String.join(", ", known)));
                    continue;
                }
                Node previous = fields.values.putIfAbsent(name, tuple.getValueNode());
                if (previous != null) {
                    error(at, line(key), "field " + name + " is given twice (first on line " + lines.get(at) + ")");
                    continue;
                }
                lines.put(at, line(key));
            }
            for (String name : required) {
                // A misspelt field is reported once, as unknown with its suggestion, not again as missing.
                if (!fields.has(name) && !suggested.contains(name)) {
                    error(fields.path(name), fields.line, "required field " + name + " is missing");
                }
            }
            return fields;
        }

        private <T> List<T> list(Node node, String path, BiFunction<Node, String, T> item) {
            if (!(node instanceof SequenceNode sequence)) {
                error(path, line(node), "must be a list (items starting with \"- \"), not " + describe(node));
                return null;
            }
            if (!tagAllowed(node, path)) {
                return null;
            }
            List<T> items = new ArrayList<>();
            List<Node> nodes = sequence.getValue();
            for (int i = 0; i < nodes.size(); i++) {
                String at = path + "/" + i;
                lines.put(at, line(nodes.get(i)));
                T value = item.apply(nodes.get(i), at);
                if (value != null) {
                    items.add(value);
                }
            }
            return items.size() == nodes.size() ? items : null;
        }

        /** A mapping of ids (hubs, SKUs) to unit counts, in the order written. */
        private Map<String, Integer> counts(Node node, String path) {
            if (!(node instanceof MappingNode mapping)) {
                error(path, line(node), "must be a mapping of ids to units (berlin-mitte: 60), not "
                        + describe(node));
                return null;
            }
            if (!tagAllowed(node, path)) {
                return null;
            }
            if (mapping.getValue().isEmpty()) {
                error(path, line(node), "must name at least one id, or be left out");
                return null;
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            boolean complete = true;
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (!(key instanceof ScalarNode scalar) || Kind.of(scalar) == Kind.NULL) {
                    error(path, line(key), "an id is a plain word, not " + describe(key));
                    complete = false;
                    continue;
                }
                String id = scalar.getValue();
                String at = path + "/" + pointerSegment(id);
                if (counts.containsKey(id)) {
                    error(at, line(key), id + " is given twice (first on line " + lines.get(at) + ")");
                    complete = false;
                    continue;
                }
                lines.put(at, line(key));
                Integer units = integer(tuple.getValueNode(), at);
                if (units == null) {
                    complete = false;
                } else {
                    counts.put(id, units);
                }
            }
            return complete ? counts : null;
        }

        // ---- scalars

        private ScalarNode scalar(Node node, String path, String expected) {
            if (!(node instanceof ScalarNode scalar)) {
                error(path, line(node), "must be " + expected + ", not " + describe(node));
                return null;
            }
            if (!tagAllowed(node, path)) {
                return null;
            }
            if (Kind.of(scalar) == Kind.NULL) {
                error(path, line(node), "must be " + expected + ", not empty");
                return null;
            }
            return scalar;
        }

        private String text(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "text");
            if (scalar == null) {
                return null;
            }
            if (Kind.of(scalar) != Kind.TEXT) {
                error(path, line(node), "must be text, and " + scalar.getValue() + " reads as a "
                        + (Kind.of(scalar) == Kind.BOOL ? "boolean" : "number") + "; put it in quotes: \""
                        + scalar.getValue() + "\"");
                return null;
            }
            return scalar.getValue();
        }

        private Integer integer(Node node, String path) {
            Long value = number(node, path, "");
            if (value == null) {
                return null;
            }
            if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
                error(path, line(node), "is too large: " + value);
                return null;
            }
            return value.intValue();
        }

        private Long number(Node node, String path, String hint) {
            ScalarNode scalar = scalar(node, path, "a whole number");
            if (scalar == null) {
                return null;
            }
            String value = scalar.getValue();
            if (Kind.of(scalar) == Kind.INT) {
                try {
                    return Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
                } catch (NumberFormatException e) {
                    error(path, line(node), "is too large: " + value);
                    return null;
                }
            }
            if (!scalar.isPlain() && INT_SCALAR.matcher(value).matches()) {
                error(path, line(node), "must be a number, not text in quotes: " + shown(scalar)
                        + "; write it without quotes");
            } else {
                error(path, line(node), "must be a whole number, not " + shown(scalar) + hint);
            }
            return null;
        }

        private Boolean bool(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "true or false");
            if (scalar == null) {
                return null;
            }
            if (Kind.of(scalar) != Kind.BOOL) {
                error(path, line(node), "must be true or false, not " + scalar.getValue());
                return null;
            }
            return scalar.getValue().equalsIgnoreCase("true");
        }

        /** A percentage with at most two decimals, as basis points (40 is 4000, 33.33 is 3333). */
        private Integer percent(Node node, String path) {
            ScalarNode scalar = scalar(node, path, "a percentage");
            if (scalar == null) {
                return null;
            }
            Kind kind = Kind.of(scalar);
            String value = scalar.getValue();
            if (kind != Kind.INT && kind != Kind.FLOAT || !PERCENT.matcher(value).matches()) {
                error(path, line(node), "must be a percentage such as 40 or 33.33, not " + shown(scalar)
                        + (scalar.isPlain() ? "" : " (write numbers without quotes)"));
                return null;
            }
            BigDecimal percent = new BigDecimal(value).stripTrailingZeros();
            if (percent.scale() > 2) {
                error(path, line(node), "a percentage has at most two decimals (33.33), not " + value);
                return null;
            }
            BigDecimal basisPoints = percent.movePointRight(2);
            if (basisPoints.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                error(path, line(node), "is too large: " + value);
                return null;
            }
            return basisPoints.intValueExact();
        }

        private Duration duration(Node node, String path) {
            String text = text(node, path);
            if (text == null) {
                return null;
            }
            try {
                return Duration.parse(text);
            } catch (DateTimeException e) {
                error(path, line(node), "must be an ISO 8601 duration such as PT30M, PT2H or P1D, not " + text);
                return null;
            }
        }

        private LocalDateTime localDateTime(Node node, String path) {
            String text = text(node, path);
            if (text == null) {
                return null;
            }
            try {
                return LocalDateTime.parse(text);
            } catch (DateTimeException e) {
                error(path, line(node), "must be a local date-time such as 2026-12-05T10:00, not " + text
                        + (WITH_OFFSET.matcher(text).matches()
                                ? " (leave the offset out: timeZone says which zone the times are in)" : ""));
                return null;
            }
        }

        /**
         * A local time in the manifest's zone. A time the zone skips (clocks go forward) or repeats (clocks go
         * back) is refused rather than guessed: a drop should not open an hour off.
         */
        private Instant instant(Node node, String path, ZoneId zone) {
            LocalDateTime local = localDateTime(node, path);
            if (local == null || zone == null) {
                return null;
            }
            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.size() == 1) {
                return local.toInstant(offsets.getFirst());
            }
            ZoneOffsetTransition transition = zone.getRules().getTransition(local);
            error(path, line(node), offsets.isEmpty()
                    ? local + " does not exist in " + zone + ": clocks go forward from "
                            + transition.getDateTimeBefore().toLocalTime() + " to "
                            + transition.getDateTimeAfter().toLocalTime() + " that night"
                    : local + " happens twice in " + zone + ": clocks go back from "
                            + transition.getDateTimeBefore().toLocalTime() + " to "
                            + transition.getDateTimeAfter().toLocalTime() + "; pick a time outside that hour");
            return null;
        }

        private ZoneId zone(Node node, String path) {
            String text = text(node, path);
            if (text == null) {
                return null;
            }
            if (ZoneId.getAvailableZoneIds().contains(text)) {
                return ZoneId.of(text);
            }
            error(path, line(node), text + " is not an IANA time zone" + closest(text, ZoneId.getAvailableZoneIds())
                    .map(s -> "; did you mean " + s + "?")
                    .orElse(" such as Europe/Berlin or America/New_York"));
            return null;
        }

        private Currency currency(Node node, String path) {
            String text = text(node, path);
            if (text == null) {
                return null;
            }
            if (CURRENCY.matcher(text.toUpperCase(Locale.ROOT)).matches() && !CURRENCY.matcher(text).matches()) {
                error(path, line(node), "currency codes are upper case: " + text.toUpperCase(Locale.ROOT));
                return null;
            }
            try {
                if (CURRENCY.matcher(text).matches()) {
                    return Currency.getInstance(text);
                }
            } catch (IllegalArgumentException e) {
                // not a code Java knows: reported below
            }
            error(path, line(node), text + " is not an ISO 4217 currency code such as EUR, USD or GBP");
            return null;
        }

        private boolean tagAllowed(Node node, String path) {
            if (YAML_TAGS.contains(node.getTag())) {
                return true;
            }
            error(path, line(node), "YAML tags such as " + node.getTag().getValue()
                    + " are not allowed in a manifest");
            return false;
        }

        /** The fields of one mapping, read on demand. */
        private final class Fields {

            private final String path;
            private final int line;
            private final Map<String, Node> values = new LinkedHashMap<>();

            Fields(String path, int line) {
                this.path = path;
                this.line = line;
            }

            boolean has(String name) {
                return values.containsKey(name);
            }

            String path(String name) {
                return path + "/" + name;
            }

            /** The field's value read by {@code reader}; null when absent (already reported if required) or wrong. */
            <T> T read(String name, BiFunction<Node, String, T> reader) {
                Node node = values.get(name);
                return node == null ? null : reader.apply(node, path(name));
            }

            String text(String name) {
                return read(name, Reading.this::text);
            }

            Integer integer(String name) {
                return read(name, Reading.this::integer);
            }

            Boolean bool(String name) {
                return read(name, Reading.this::bool);
            }

            Instant instant(String name, ZoneId zone) {
                return read(name, (node, at) -> Reading.this.instant(node, at, zone));
            }
        }
    }

    // ---- helpers without state

    private static int line(Node node) {
        return line(node.getStartMark());
    }

    private static int line(Mark mark) {
        return mark == null ? 1 : mark.getLine() + 1;
    }

    private static boolean allPresent(Object... values) {
        for (Object value : values) {
            if (value == null) {
                return false;
            }
        }
        return true;
    }

    /** The value as the merchant wrote it: in quotes if they quoted it, cut short if long. */
    private static String shown(ScalarNode scalar) {
        String value = scalar.getValue().length() > 40 ? scalar.getValue().substring(0, 40) + "..." : scalar.getValue();
        return scalar.isPlain() ? value : "\"" + value + "\"";
    }

    private static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when Kind.of(s) == Kind.NULL -> "empty";
            case ScalarNode s -> shown(s);
            default -> "this";
        };
    }

    /** RFC 6901: "~" and "/" are escaped in a pointer's segments. */
    static String pointerSegment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The nearest name within a couple of typos, or the name the word starts with (sharePercent: share). */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 4));
        if (best != null && bestDistance <= allowed) {
            return Optional.of(best);
        }
        return candidates.stream()
                .filter(c -> c.length() >= 3 && lower.startsWith(c.toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(String::length));
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
