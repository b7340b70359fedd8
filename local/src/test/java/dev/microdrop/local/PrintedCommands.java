package dev.microdrop.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commands as a reader copies them from the runtime's banner or the README, run the way bash and curl would run
 * them, with Java's HTTP client. Only what those commands use is understood (quotes, backslash continuations,
 * comments, {@code $VAR}, the uuid substitution; curl's -s, -X, -H, -d, --data-binary); anything else fails the
 * test rather than run differently from a shell.
 */
final class PrintedCommands {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final String UUID_SUBSTITUTION = "$(cat /proc/sys/kernel/random/uuid)";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Where the reader runs the commands; tests run in local/. */
    private static final Path REPOSITORY_ROOT = Path.of("..");

    private PrintedCommands() {
    }

    /**
     * The commands of {@code text}: its lines that start one (after indentation), continued over a trailing
     * backslash, and over line ends inside quotes (the README's JSON bodies), as bash reads them.
     */
    static List<String> commands(String text) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\n")) {
            if (current == null) {
                String trimmed = line.strip();
                if (!trimmed.startsWith("curl ") && !trimmed.startsWith("./microdrop")) {
                    continue;
                }
                current = new StringBuilder(trimmed);
            } else {
                current.append(openQuote(current) ? "\n" + line : " " + line.strip());
            }
            if (openQuote(current)) {
                continue;
            }
            if (current.toString().endsWith("\\")) {
                current.setLength(current.length() - 1);
                continue;
            }
            commands.add(current.toString());
            current = null;
        }
        if (current != null) {
            throw new IllegalArgumentException("a command does not end: " + current);
        }
        return commands;
    }

    /** Whether {@code command} ends inside quotes; a comment (# at the start of a word) runs to the line's end. */
    private static boolean openQuote(CharSequence command) {
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == 0 && c == '#' && (i == 0 || Character.isWhitespace(command.charAt(i - 1)))) {
                while (i < command.length() && command.charAt(i) != '\n') {
                    i++;
                }
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                quote = 0;
            }
        }
        return quote != 0;
    }

    /** The commands in a Markdown document's {@code bash} blocks. */
    static List<String> markdownCommands(String markdown) {
        List<String> commands = new ArrayList<>();
        Matcher block = BASH_BLOCK.matcher(markdown);
        while (block.find()) {
            commands.addAll(commands(block.group(1)));
        }
        return commands;
    }

    /** The words bash would pass to the program, {@code $NAME} taken from {@code environment}; a comment ends them. */
    static List<String> words(String command, Map<String, String> environment) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                if (c == '#') {
                    break;
                }
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                word.append(command, i + 1, end);
                i = end;
            } else if (c == '"') {
                int end = i + 1;
                while (command.charAt(end) != '"') {
                    end += command.charAt(end) == '\\' ? 2 : 1;
                }
                word.append(expand(command.substring(i + 1, end).replaceAll("\\\\([\"\\\\$])", "$1"), environment));
                i = end;
            } else if (c == '$') {
                int end = command.startsWith(UUID_SUBSTITUTION, i) ? i + UUID_SUBSTITUTION.length() : nameEnd(command, i + 1);
                word.append(expand(command.substring(i, end), environment));
                i = end - 1;
            } else if (c == '\\' || c == '`' || c == '*' || c == '?' || c == '&' || c == ';' || c == '|' || c == '>' || c == '<') {
                throw new IllegalArgumentException("this test does not run shell syntax '" + c + "' in: " + command);
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String expand(String text, Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith(UUID_SUBSTITUTION, i)) {
                out.append(UUID.randomUUID());
                i += UUID_SUBSTITUTION.length() - 1;
            } else if (text.startsWith("$(", i)) {
                throw new IllegalArgumentException("this test does not run the substitution in: " + text);
            } else if (text.charAt(i) == '$') {
                int end = nameEnd(text, i + 1);
                String name = text.substring(i + 1, end);
                if (!environment.containsKey(name)) {
                    throw new IllegalArgumentException("$" + name + " is not set for: " + text);
                }
                out.append(environment.get(name));
                i = end - 1;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    private static int nameEnd(String text, int from) {
        int end = from;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    /** Sends the request curl would send for {@code words} (a curl command). */
    static HttpResponse<String> curl(List<String> words) throws Exception {
        if (!words.getFirst().equals("curl")) {
            throw new IllegalArgumentException("not a curl command: " + words);
        }
        String method = null;
        String url = null;
        byte[] data = null;
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-s" -> { }
                case "-X" -> method = words.get(++i);
                case "-H" -> {
                    String header = words.get(++i);
                    int colon = header.indexOf(':');
                    headers.add(new String[] {header.substring(0, colon).strip(), header.substring(colon + 1).strip()});
                }
                case "-d" -> data = words.get(++i).getBytes(StandardCharsets.UTF_8);
                case "--data-binary" -> {
                    String value = words.get(++i);
                    // @file: the file's bytes as they are; the reader runs the command in the repository's root.
                    data = value.startsWith("@") ? Files.readAllBytes(REPOSITORY_ROOT.resolve(value.substring(1)))
                            : value.getBytes(StandardCharsets.UTF_8);
                }
                default -> {
                    if (words.get(i).startsWith("-") || url != null) {
                        throw new IllegalArgumentException("this test does not know curl's " + words.get(i));
                    }
                    url = words.get(i);
                }
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        headers.forEach(h -> request.header(h[0], h[1]));
        if (data != null && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("content-type"))) {
            request.header("content-type", "application/x-www-form-urlencoded"); // what curl -d sends
        }
        request.method(method != null ? method : data != null ? "POST" : "GET",
                data == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(data));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
