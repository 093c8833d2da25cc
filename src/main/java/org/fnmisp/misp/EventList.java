package org.fnmisp.misp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fnmisp.json.Json;
import org.fnmisp.json.RawJson;

/**
 * The events of a {@code events/restSearch} answer, read in one streaming pass instead of into a tree: the list is
 * passed on as MISP wrote it (a raw JSON value that is copied, not rebuilt, when the reply to SOAR is written), and its
 * size and tag names are taken on the way. For a 26 KB answer this is about a third of the CPU of parsing a tree and
 * writing it out again (doc/performance.md).
 *
 * @param json the list of {@code {"Event": {...}}}, exactly as MISP sent it
 * @param size how many entries the list has
 * @param tagNames the tag names of the events, then of their attributes, then of their objects' attributes, per
 *     event in list order, each name once
 */
public record EventList(JsonNode json, int size, List<String> tagNames) {

  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Reads MISP's answer: a list, or a list wrapped as {@code {"response": [...]}}.
   *
   * @throws IOException when the body is not JSON
   * @throws NotAList when it is empty or holds something else than a list
   */
  static EventList read(byte[] body) throws IOException, NotAList {
    try (JsonParser parser = Json.mapper().getFactory().createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new NotAList(null);
      }
      EventList list = null;
      String found = typeName(first);
      if (first == JsonToken.START_ARRAY) {
        list = readList(parser, body);
      } else if (first == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if (field.equals("response") && value == JsonToken.START_ARRAY && list == null) {
            list = readList(parser, body);
            continue;
          }
          if (field.equals("response") && value != JsonToken.VALUE_NULL && list == null) {
            found = typeName(value);
          }
          parser.skipChildren();
        }
      }
      if (list == null) {
        throw new NotAList(found);
      }
      return list;
    }
  }

  /** Reads the list whose START_ARRAY is the current token, up to and including its END_ARRAY. */
  private static EventList readList(JsonParser parser, byte[] body) throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    Set<String> names = new LinkedHashSet<>();
    int size = readObjects(parser, (field, value) -> {
      if (value == JsonToken.START_OBJECT && field.equals("Event")) {
        readEvent(parser, names);
      } else {
        parser.skipChildren();
      }
    });
    int end = (int) parser.currentLocation().getByteOffset();
    return new EventList(RawJson.node(body, start, end), size, List.copyOf(names));
  }

  /** The event's own tags first, then its attributes', then its objects' attributes', whatever MISP's field order. */
  private static void readEvent(JsonParser parser, Set<String> names) throws IOException {
    List<String> own = new ArrayList<>();
    List<String> attributes = new ArrayList<>();
    List<String> objects = new ArrayList<>();
    readFields(parser, (field, value) -> {
      if (value != JsonToken.START_ARRAY) {
        parser.skipChildren();
        return;
      }
      switch (field) {
        case "Tag" -> readTags(parser, own);
        case "Attribute" -> readObjects(parser, arrayField(parser, "Tag", () -> readTags(parser, attributes)));
        case "Object" -> readObjects(parser, arrayField(parser, "Attribute",
            () -> readObjects(parser, arrayField(parser, "Tag", () -> readTags(parser, objects)))));
        default -> parser.skipChildren();
      }
    });
    names.addAll(own);
    names.addAll(attributes);
    names.addAll(objects);
  }

  /** The textual {@code "name"} of each tag object in the array that is the current token. */
  private static void readTags(JsonParser parser, List<String> names) throws IOException {
    readObjects(parser, (field, value) -> {
      if (value == JsonToken.VALUE_STRING && field.equals("name")) {
        names.add(parser.getText());
      } else {
        parser.skipChildren();
      }
    });
  }

  /** Reads one field whose value token is current; must consume the value (skip it if not wanted). */
  private interface FieldReader {
    void read(String field, JsonToken value) throws IOException;
  }

  private interface ArrayReader {
    void read() throws IOException;
  }

  /**
   * For each element of the array that is the current token, up to its END_ARRAY: an object's fields go to
   * {@code reader}, anything else is skipped. Returns the number of elements.
   */
  private static int readObjects(JsonParser parser, FieldReader reader) throws IOException {
    int elements = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      elements++;
      if (parser.currentToken() == JsonToken.START_OBJECT) {
        readFields(parser, reader);
      } else {
        parser.skipChildren();
      }
    }
    return elements;
  }

  /** Each field of the object whose START_OBJECT is the current token goes to {@code reader}. */
  private static void readFields(JsonParser parser, FieldReader reader) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      reader.read(field, parser.nextToken());
    }
  }

  /** A reader that gives the array held by field {@code name} to {@code reader} and skips every other field. */
  private static FieldReader arrayField(JsonParser parser, String name, ArrayReader reader) {
    return (field, value) -> {
      if (value == JsonToken.START_ARRAY && field.equals(name)) {
        reader.read();
      } else {
        parser.skipChildren();
      }
    };
  }

  private static String typeName(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> token.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The answer is not a list of events: {@link #found()} is what it holds instead, null for nothing at all. */
  static final class NotAList extends Exception {
    private final String found;

    NotAList(String found) {
      super(found == null ? "an empty body" : "a JSON " + found, null, false, false);
      this.found = found;
    }

    String found() {
      return found;
    }
  }
}
