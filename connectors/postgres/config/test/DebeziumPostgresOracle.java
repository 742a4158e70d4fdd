// Records facts from the real Debezium PostgreSQL connector for the config tests (connectors/postgres/README.md,
// "Checked against Debezium"): its ConfigDef, and its field validation of each case of a cases file. With the
// test environment's Kafka Connect install (npm run services), from this folder:
//   CP="$HOME/.cache/tidewater/connect/plugins/debezium-connector-postgres/*:$HOME/.cache/tidewater/connect/libs/*"
//   javac -d /tmp/oracle -cp "$CP" DebeziumPostgresOracle.java
//   java -cp "$CP:/tmp/oracle" DebeziumPostgresOracle validate-cases.input.json > debezium-3.2.7.json
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnector;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

public class DebeziumPostgresOracle {
  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode out = json.createObjectNode();
    ArrayNode keys = out.putArray("configDef");
    for (ConfigDef.ConfigKey k : new PostgresConnector().config().configKeys().values()) {
      ObjectNode key = keys.addObject();
      key.put("name", k.name);
      key.put("type", k.type.name());
      key.put("default", k.defaultValue == null ? null : ConfigDef.convertToString(k.defaultValue, k.type));
      key.put("importance", k.importance.name());
      key.put("group", k.group);
      key.put("order", k.orderInGroup);
      key.put("width", k.width.name());
      key.put("displayName", k.displayName);
      k.dependents.forEach(key.putArray("dependents")::add);
    }
    ArrayNode cases = out.putArray("cases");
    for (JsonNode input : json.readTree(Files.readString(Path.of(args[0])))) {
      Map<String, String> config = new LinkedHashMap<>();
      input.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
      ObjectNode result = cases.addObject();
      result.put("name", input.get("name").asText());
      result.set("config", input.get("config"));
      ObjectNode errors = result.putObject("errors");
      ObjectNode recommended = json.createObjectNode();
      ArrayNode invisible = json.createArrayNode();
      Map<String, ConfigValue> values = Configuration.from(config).validate(PostgresConnectorConfig.ALL_FIELDS);
      for (ConfigValue v : new TreeMap<>(values).values()) {
        if (!v.errorMessages().isEmpty()) v.errorMessages().forEach(errors.withArray(v.name())::add);
        if (!v.recommendedValues().isEmpty()) v.recommendedValues().forEach(r -> recommended.withArray(v.name()).add(String.valueOf(r)));
        if (!v.visible()) invisible.add(v.name());
      }
      if (input.path("recordRecommendations").asBoolean()) {
        result.set("recommended", recommended);
        result.set("invisible", invisible);
      }
    }
    System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
  }
}
