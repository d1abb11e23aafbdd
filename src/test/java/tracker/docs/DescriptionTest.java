package tracker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** /openapi.json is valid OpenAPI 3.1, describes every route and README endpoint, and all errors in one shape. */
class DescriptionTest extends EsmsTestBase {
    /**
     * The official OAS 3.1 document schema (spec.openapis.org/oas/3.1/schema/2026-08-03), as shipped in the npm package
     * {@code @seriousme/openapi-schema-validator} 2.11.0 (MIT): kept here since nothing is fetched at test time.
     */
    static final String OAS_31_SCHEMA = "/docs/oas-3.1-schema.json";
    private static final Set<HandlerType> METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);
    /** "GET /api/journeys/{orderId}" and the like, in the README's text (where a query or prose may follow). */
    private static final Pattern README_ENDPOINT = Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE) (/[A-Za-z0-9_./{}-]*)");

    private Description description;

    @BeforeEach
    void read() { description = new Description(server.get("/openapi.json").body()); }

    @Test
    void the_served_description_is_valid_openapi_3_1_and_each_schema_valid_json_schema() throws IOException {
        assertThat(oasSchema().validate(description.doc)).isEmpty();
        assertThat(description.doc.get("openapi").asText()).startsWith("3.1.");
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue(); // the project's own, the first in the file
        assertThat(description.doc.at("/info/version").asText()).as("info.version, the pom's").isEqualTo(version.group(1));

        Schema draft202012 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        description.doc.at("/components/schemas").fields().forEachRemaining(s ->
                assertThat(draft202012.validate(s.getValue())).as(s.getKey()).isEmpty());
    }

    @Test
    void the_meta_schema_check_refuses_a_broken_description() throws IOException {
        ObjectNode broken = description.doc.deepCopy();
        ((ObjectNode) broken.at("/paths/~1api~1journeys~1{orderId}/get")).put("responses", "none");
        broken.remove("info");
        assertThat(oasSchema().validate(broken)).isNotEmpty();
    }

    @Test
    void every_route_the_service_registers_is_described_and_nothing_else() {
        Set<String> registered = new TreeSet<>();
        server.app().unsafe.internalRouter.allHttpHandlers().forEach(e -> {
            if (METHODS.contains(e.endpoint.method)) registered.add(e.endpoint.method.name() + " " + e.endpoint.path);
        });
        assertThat(registered).as("routes found in the router").contains("GET /api/journeys/{orderId}", "GET /openapi.json");
        assertThat(new TreeSet<>(description.operations())).isEqualTo(registered);
    }

    @Test
    void every_endpoint_the_readme_names_is_described() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> named = new TreeSet<>();
        Matcher m = README_ENDPOINT.matcher(readme);
        while (m.find()) named.add(m.group(1) + " " + m.group(2).replaceAll("-+$", "").replaceAll("\\{[^}]*}", "{}"));
        assertThat(named).as("endpoints found in README.md").contains("POST /api/journeys/{}/messages", "GET /health/live",
                "GET /openapi.json", "GET /docs");
        Set<String> described = new TreeSet<>();
        for (String op : description.operations()) described.add(op.replaceAll("\\{[^}]*}", "{}"));
        assertThat(described).containsAll(named);
    }

    @Test
    void every_error_of_every_operation_is_the_one_error_shape() {
        List<String> others = new ArrayList<>();
        description.doc.get("paths").fields().forEachRemaining(p -> Description.METHODS.forEach(method -> {
            JsonNode op = p.getValue().get(method);
            if (op == null) return;
            op.get("responses").fields().forEachRemaining(r -> {
                if (!r.getKey().equals("default") && Integer.parseInt(r.getKey()) < 400) return;
                // readiness: "not ready" is the probe's answer, not an error (a stopping service still answers Error)
                if (r.getValue().path("$ref").asText().equals("#/components/responses/NotReady")) return;
                JsonNode schema = description.errorResponseSchema(r.getValue());
                if (!"#/components/schemas/Error".equals(schema.path("$ref").asText()) || schema.size() != 1) {
                    others.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey() + " " + r.getKey() + ": " + schema);
                }
            });
        }));
        assertThat(others).isEmpty();
        assertThat(description.node("/components/schemas/Error/required")).containsExactly(
                TestServer.JSON.getNodeFactory().textNode("error"), TestServer.JSON.getNodeFactory().textNode("field"));
    }

    private Schema oasSchema() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(OAS_31_SCHEMA)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }
}
