package org.groklab.spec;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read into a JSON tree the way Jackson reads it, except that an alias ({@code *a}) stands for the
 * value of its anchor ({@code &a}) rather than for the anchor's name, a key given twice in one mapping is an error,
 * and the document is bounded: at most {@value #MAX_ALIASES} aliases, {@value #MAX_NODES} values in all (aliases
 * expanded) and {@value #MAX_DEPTH} levels of nesting.
 */
public final class YamlTree {
    public static final int MAX_ALIASES = 100;
    public static final int MAX_NODES = 100_000;
    public static final int MAX_DEPTH = 64;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final AnchorFactory FACTORY = new AnchorFactory();

    /** Jackson's YAML parser, telling the anchor of a scalar too (Jackson reports it for collections only). */
    static final class AnchorParser extends YAMLParser {
        AnchorParser(com.fasterxml.jackson.core.io.IOContext ctxt, int features, int yamlFeatures,
                     org.yaml.snakeyaml.LoaderOptions options, com.fasterxml.jackson.core.ObjectCodec codec,
                     java.io.Reader r) throws IOException {
            super(ctxt, features, yamlFeatures, options, codec, r);
        }

        String anchor() {
            if (_lastEvent instanceof org.yaml.snakeyaml.events.ScalarEvent s) {
                return s.getAnchor();
            }
            return _currentAnchor;
        }
    }

    /** A YAML factory making {@link AnchorParser}s, with SnakeYAML's own limits set to ours. */
    static final class AnchorFactory extends YAMLFactory {
        AnchorFactory() {
            super(YAMLFactory.builder().loaderOptions(options()));
        }

        private static org.yaml.snakeyaml.LoaderOptions options() {
            org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
            o.setMaxAliasesForCollections(MAX_ALIASES);
            o.setNestingDepthLimit(MAX_DEPTH);
            o.setCodePointLimit((int) SpecLoader.MAX_FILE_BYTES);
            return o;
        }

        @Override
        protected YAMLParser _createParser(java.io.Reader r, com.fasterxml.jackson.core.io.IOContext ctxt)
                throws IOException {
            return new AnchorParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }
    }

    private final AnchorParser parser;
    private final String source;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private int aliases;
    private int nodes;

    private YamlTree(AnchorParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /**
     * Parses one YAML document; problems are {@link SpecException}s against {@code field} naming {@code source}.
     *
     * @return the tree, or null for an empty document
     */
    public static JsonNode parse(String text, String field, String source) {
        try (AnchorParser p = (AnchorParser) FACTORY.createParser(new java.io.StringReader(text))) {
            if (p.nextToken() == null) {
                return null;
            }
            YamlTree t = new YamlTree(p, source);
            JsonNode root = t.value(field, 0);
            if (p.nextToken() != null) {
                throw new SpecException(field, source + " holds more than one YAML document");
            }
            return root;
        } catch (IOException e) {
            String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new SpecException(field, source + " is not valid YAML: "
                    + String.valueOf(m).lines().findFirst().orElse(""));
        }
    }

    private JsonNode value(String field, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw fail(field, "is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (++nodes > MAX_NODES) {
            throw fail(field, "holds more than " + MAX_NODES + " values");
        }
        if (parser.isCurrentAlias()) {
            String name = parser.getText();
            JsonNode anchored = anchors.get(name);
            if (anchored == null) {
                throw fail(field, "uses the alias *" + name + " before its anchor &" + name);
            }
            if (++aliases > MAX_ALIASES) {
                throw fail(field, "uses more than " + MAX_ALIASES + " aliases");
            }
            nodes += count(anchored);
            if (nodes > MAX_NODES) {
                throw fail(field, "holds more than " + MAX_NODES + " values once its aliases are expanded");
            }
            return anchored.deepCopy();
        }
        String anchor = parser.anchor();
        JsonNode node;
        JsonToken t = parser.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    if (o.has(key)) {
                        throw fail(key, "is given twice in one mapping (line "
                                + parser.currentLocation().getLineNr() + ")");
                    }
                    parser.nextToken();
                    o.set(key, value(key, depth + 1));
                }
                node = o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(field, depth + 1));
                }
                node = a;
            }
            case VALUE_STRING -> node = NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> node = switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> node = NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> node = NODES.booleanNode(true);
            case VALUE_FALSE -> node = NODES.booleanNode(false);
            case VALUE_NULL -> node = NODES.nullNode();
            default -> throw fail(field, "holds an unexpected " + t);
        }
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private static int count(JsonNode n) {
        int c = 1;
        for (JsonNode child : n) {
            c += count(child);
        }
        return c;
    }

    private SpecException fail(String field, String problem) {
        return new SpecException(field, "in " + source + ": " + problem);
    }

}
