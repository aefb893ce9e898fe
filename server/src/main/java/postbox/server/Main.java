package postbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import postbox.server.admin.AdminServer;
import postbox.server.nats.NatsSiteConfig;
import postbox.server.config.ConfigException;
import postbox.server.config.ConfigFile;
import postbox.server.config.ConfigLoader;
import postbox.server.config.HostPort;
import postbox.server.config.Settings;
import postbox.store.audio.AudioFormat;

/**
 * The {@code postbox} command: {@code serve} runs a node; the other commands administer a running node through
 * its admin API. Errors are one clear sentence on stderr and a non-zero exit.
 */
@Command(name = "postbox", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Postbox: a resilient SIP voicemail server.",
        subcommands = {Main.Serve.class, Main.Status.class, Main.Mailboxes.class, Main.CallFlow.class, Main.Greetings.class,
                Main.Messages.class, Main.NodeOrders.class, Main.NatsConfig.class})
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    String message = e instanceof ConfigException || e instanceof IOException
                            || e instanceof IllegalArgumentException ? e.getMessage() : e.toString();
                    cmd.getErr().println("postbox: " + message);
                    if (!(e instanceof ConfigException || e instanceof IOException)) {
                        log.debug("command failed", e);
                    }
                    return 2;
                });
        System.exit(cli.execute(args));
    }

    /** The version from the jar manifest. */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"postbox " + version()};
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs a Postbox node until stopped (SIGTERM, Ctrl-C).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
        Path config;
        @Option(names = "--demo", description = "Create demo mailboxes 201, 202, 203 (PINs 1793, 2684, 3579) and accept calls from any loopback address.")
        boolean demo;
        @Option(names = "--sip", paramLabel = "HOST:PORT", description = "SIP address, UDP and TCP (default 127.0.0.1:5060).")
        String sip;
        @Option(names = "--http", paramLabel = "HOST:PORT", description = "Admin HTTP address (default 127.0.0.1:8080).")
        String http;
        @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default ./postbox-data).")
        Path data;

        @Override
        public Integer call() throws Exception {
            ConfigFile file = config == null ? ConfigFile.empty() : ConfigLoader.load(config);
            Settings settings = Settings.from(file, config == null ? "(defaults)" : config.toString(),
                    new Settings.Overrides(sip, http, data, demo));
            Node node = Node.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "postbox-shutdown"));
            node.awaitClosed();
            return 0;
        }
    }

    @Command(name = "node", mixinStandardHelpOptions = true, description = "Activates or deactivates a backup node.",
            subcommands = CommandLine.HelpCommand.class)
    static final class NodeOrders {
        @Mixin
        Api api;

        @Command(name = "activate", description = "The backup takes calls (registers the trunk) until deactivated.")
        int activate() throws Exception {
            return order("activate");
        }

        @Command(name = "deactivate", description = "The backup hands its messages back and stands by.")
        int deactivate() throws Exception {
            return order("deactivate");
        }

        private int order(String what) throws Exception {
            byte[] status = api.client().send("POST", "/api/node/" + what, HttpRequest.BodyPublishers.noBody(), null);
            System.out.println(AdminServer.JSON.readTree(status).path("state").asText("?"));
            return 0;
        }
    }

    @Command(name = "nats-config", mixinStandardHelpOptions = true,
            description = {"Writes the nats-server configuration of a site to stdout.",
                    "single: one server both nodes use; hub: the primary's site; leaf: the backup's site, joined to the hub."})
    static final class NatsConfig implements Callable<Integer> {
        @Option(names = "--site", required = true, paramLabel = "single|hub|leaf", description = "The site's place.")
        String site;
        @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:4222",
                description = "Where this site's Postbox node connects (default ${DEFAULT-VALUE}).")
        String listen;
        @Option(names = "--store", paramLabel = "DIR", required = true, description = "JetStream's folder.")
        Path store;
        @Option(names = "--domain", paramLabel = "NAME", description = "The site's JetStream domain (hub and leaf).")
        String domain;
        @Option(names = "--leafnodes", paramLabel = "HOST:PORT", description = "hub: where the leaf connects.")
        String leafnodes;
        @Option(names = "--hub", paramLabel = "HOST:PORT", description = "leaf: the hub's leaf node address.")
        String hub;

        @Override
        public Integer call() {
            NatsSiteConfig.Kind kind;
            try {
                kind = NatsSiteConfig.Kind.valueOf(site.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--site must be single, hub or leaf, got '" + site + "'");
            }
            NatsSiteConfig config = new NatsSiteConfig(kind, HostPort.parse(listen), store,
                    java.util.Optional.ofNullable(domain),
                    java.util.Optional.ofNullable(leafnodes).map(HostPort::parse),
                    java.util.Optional.ofNullable(hub).map(HostPort::parse));
            System.out.print(config.text());
            return 0;
        }
    }

    /** Options every administrative command shares. */
    static final class Api {
        @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080", scope = ScopeType.INHERIT,
                description = "The node's admin API (default ${DEFAULT-VALUE}).")
        String http;
        @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
                description = "Admin token (default: $POSTBOX_TOKEN, else DATA/admin-token).")
        String token;
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "postbox-data", scope = ScopeType.INHERIT,
                description = "The node's data folder, to read its admin-token (default ${DEFAULT-VALUE}).")
        Path data;

        AdminClient client() throws IOException {
            return new AdminClient(http, AdminClient.token(token, data));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows a running node's status.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Api api;

        @Override
        public Integer call() throws Exception {
            System.out.println(new String(api.client().get("/api/status"), StandardCharsets.UTF_8));
            return 0;
        }
    }

    @Command(name = "mailbox", mixinStandardHelpOptions = true, description = "Lists and changes mailboxes.",
            subcommands = CommandLine.HelpCommand.class)
    static final class Mailboxes {
        @Mixin
        Api api;

        @Command(name = "list", description = "Lists mailboxes with their message counts.")
        int list() throws Exception {
            System.out.println(new String(api.client().get("/api/mailboxes"), StandardCharsets.UTF_8));
            return 0;
        }

        @Command(name = "add", description = "Creates a mailbox.")
        int add(@Parameters(paramLabel = "ID") String id,
                @Option(names = "--pin", paramLabel = "PIN", required = true) String pin,
                @Option(names = "--name", paramLabel = "NAME", defaultValue = "") String name) throws Exception {
            String body = AdminServer.JSON.writeValueAsString(Map.of("id", id, "pin", pin, "name", name));
            api.client().send("POST", "/api/mailboxes", HttpRequest.BodyPublishers.ofString(body), "application/json");
            System.out.println("mailbox " + id + " created");
            return 0;
        }

        @Command(name = "pin", description = "Sets a mailbox's PIN.")
        int pin(@Parameters(paramLabel = "ID") String id, @Parameters(paramLabel = "PIN") String pin) throws Exception {
            String body = AdminServer.JSON.writeValueAsString(Map.of("pin", pin));
            api.client().send("PUT", "/api/mailboxes/" + id + "/pin", HttpRequest.BodyPublishers.ofString(body),
                    "application/json");
            System.out.println("PIN of mailbox " + id + " changed");
            return 0;
        }

        @Command(name = "max-length", description = "Sets the longest message a mailbox takes (1-3600 s), or 'default' for the call-flow setting.")
        int maxLength(@Parameters(paramLabel = "ID") String id,
                      @Parameters(paramLabel = "SECONDS|default") String seconds) throws Exception {
            return preference(id, "maxMessageSeconds", seconds.equals("default") ? null : wholeSeconds(seconds));
        }

        @Command(name = "reception", description = "Sets where 0 during the mailbox's greeting transfers the caller (a number the PBX knows), or 'none'.")
        int reception(@Parameters(paramLabel = "ID") String id, @Parameters(paramLabel = "NUMBER|none") String number)
                throws Exception {
            return preference(id, "reception", number.equals("none") ? null : number);
        }

        /** Changes one preference of mailbox {@code id}, keeping the others. */
        private int preference(String id, String field, Object value) throws Exception {
            JsonNode mailbox = AdminServer.JSON.readTree(api.client().get("/api/mailboxes/" + id));
            Map<String, Object> preferences = new java.util.HashMap<>(AdminServer.JSON.convertValue(
                    mailbox.path("preferences"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
            preferences.put(field, value);
            byte[] view = api.client().send("PUT", "/api/mailboxes/" + id + "/preferences",
                    HttpRequest.BodyPublishers.ofString(AdminServer.JSON.writeValueAsString(preferences)),
                    "application/json");
            System.out.println(new String(view, StandardCharsets.UTF_8));
            return 0;
        }

        @Command(name = "unlock", description = "Clears a PIN lockout.")
        int unlock(@Parameters(paramLabel = "ID") String id) throws Exception {
            api.client().send("POST", "/api/mailboxes/" + id + "/unlock", HttpRequest.BodyPublishers.noBody(), null);
            System.out.println("mailbox " + id + " unlocked");
            return 0;
        }

        @Command(name = "delete", description = "Deletes a mailbox.")
        int delete(@Parameters(paramLabel = "ID") String id) throws Exception {
            api.client().send("DELETE", "/api/mailboxes/" + id, HttpRequest.BodyPublishers.noBody(), null);
            System.out.println("mailbox " + id + " deleted");
            return 0;
        }
    }

    @Command(name = "call-flow", mixinStandardHelpOptions = true,
            description = "Shows and sets the call-flow settings (synced from a primary to its backup).",
            subcommands = CommandLine.HelpCommand.class)
    static final class CallFlow {
        private static final String PATH = "/api/settings/call-flow";

        @Mixin
        Api api;

        @Command(name = "show", description = "The settings calls use now, and whether an admin set them or they are the config's.")
        int show() throws Exception {
            System.out.println(new String(api.client().get(PATH), StandardCharsets.UTF_8));
            return 0;
        }

        @Command(name = "set", description = "Sets one or both settings; the other keeps its value.")
        int set(@Option(names = "--max-message", paramLabel = "SECONDS", description = "The longest message (1-3600).") String maxMessage,
                @Option(names = "--silence", paramLabel = "SECONDS", description = "Silence that ends a recording (1-60).") String silence)
                throws Exception {
            if (maxMessage == null && silence == null) {
                throw new IllegalArgumentException("give --max-message, --silence or both");
            }
            Map<String, Object> settings = new java.util.HashMap<>();
            if (maxMessage != null) {
                settings.put("maxMessageSeconds", wholeSeconds(maxMessage));
            }
            if (silence != null) {
                settings.put("silenceSeconds", wholeSeconds(silence));
            }
            byte[] view = api.client().send("PUT", PATH,
                    HttpRequest.BodyPublishers.ofString(AdminServer.JSON.writeValueAsString(settings)), "application/json");
            System.out.println(new String(view, StandardCharsets.UTF_8));
            return 0;
        }

        @Command(name = "reset", description = "Forgets the settings an admin set: the config's apply again.")
        int reset() throws Exception {
            byte[] view = api.client().send("DELETE", PATH, HttpRequest.BodyPublishers.noBody(), null);
            System.out.println(new String(view, StandardCharsets.UTF_8));
            return 0;
        }
    }

    /** A count of seconds typed on the command line. */
    private static int wholeSeconds(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number of seconds, got '" + text + "'");
        }
    }

    @Command(name = "greeting", mixinStandardHelpOptions = true, description = "Imports and removes greetings.",
            subcommands = CommandLine.HelpCommand.class)
    static final class Greetings {
        @Mixin
        Api api;

        @Command(name = "import", description = "Imports an audio file (WAV, MP3, Opus, ... any format FFmpeg reads) as a greeting (KIND: default, busy, noanswer, temporary, name).")
        int importGreeting(@Parameters(paramLabel = "MAILBOX") String mailbox, @Parameters(paramLabel = "KIND") String kind,
                           @Parameters(paramLabel = "FILE") Path file) throws Exception {
            try {
                api.client().send("PUT", "/api/mailboxes/" + mailbox + "/greetings/" + kind,
                        HttpRequest.BodyPublishers.ofFile(file), "application/octet-stream");
            } catch (java.io.FileNotFoundException | NoSuchFileException e) {
                throw new IOException("no such file: " + file);
            }
            System.out.println("greeting " + kind + " of mailbox " + mailbox + " imported from " + file);
            return 0;
        }

        @Command(name = "delete", description = "Removes a greeting.")
        int delete(@Parameters(paramLabel = "MAILBOX") String mailbox, @Parameters(paramLabel = "KIND") String kind)
                throws Exception {
            api.client().send("DELETE", "/api/mailboxes/" + mailbox + "/greetings/" + kind,
                    HttpRequest.BodyPublishers.noBody(), null);
            System.out.println("greeting " + kind + " of mailbox " + mailbox + " removed");
            return 0;
        }
    }

    @Command(name = "message", mixinStandardHelpOptions = true, description = "Lists and exports messages.",
            subcommands = CommandLine.HelpCommand.class)
    static final class Messages {
        @Mixin
        Api api;

        @Command(name = "list", description = "Lists a mailbox's messages.")
        int list(@Parameters(paramLabel = "MAILBOX") String mailbox) throws Exception {
            System.out.println(new String(api.client().get("/api/mailboxes/" + mailbox + "/messages"),
                    StandardCharsets.UTF_8));
            return 0;
        }

        @Command(name = "export", description = "Writes a message's audio to a file: WAV, MP3 or Opus, as its name ends (.wav, .mp3, .opus).")
        int export(@Parameters(paramLabel = "MAILBOX") String mailbox, @Parameters(paramLabel = "ID") String id,
                   @Parameters(paramLabel = "FILE") Path file) throws Exception {
            String name = file.getFileName().toString();
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
            AudioFormat format;
            try {
                format = AudioFormat.parse(extension);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the file name must end in .wav, .mp3 or .opus, got '" + name + "'");
            }
            byte[] audio = api.client().get("/api/mailboxes/" + mailbox + "/messages/" + id + "/audio?format="
                    + format.token());
            Files.write(file, audio);
            System.out.println("message " + id + " written to " + file + " (" + format + ", " + audio.length + " bytes)");
            return 0;
        }
    }
}
