package dev.kcbundle.activegroup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** openapi.yaml beside the module's pom describes what {@link ActiveGroupResource} really serves. */
class OpenApiDescriptionTest {

    private static JsonNode openApi;
    private static JsonNode path;

    @BeforeAll
    static void read() throws IOException {
        openApi = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("openapi.yaml").toFile());
        path = openApi.at("/paths/~1" + ActiveGroupResourceProviderFactory.ID);
    }

    @Test
    void describesExactlyTheHttpMethodsOfTheResource() {
        Set<String> served = Arrays.stream(ActiveGroupResource.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()))
                .flatMap(method -> Arrays.stream(method.getAnnotations()))
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                .filter(java.util.Objects::nonNull)
                .map(httpMethod -> httpMethod.value().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(openApi.at("/paths").size()).isEqualTo(1);
        assertThat(fieldNames(path)).isEqualTo(served);
        assertThat(served)
                .containsExactlyInAnyOrder(Arrays.stream(CorsPolicy.METHODS)
                        .map(m -> m.toLowerCase(Locale.ROOT))
                        .toArray(String[]::new));
    }

    @Test
    void successCodesAreTheOnesTheResourceAnswers() {
        assertThat(codes("get")).contains("200");
        assertThat(codes("put")).contains("200");
        assertThat(codes("delete")).contains("204");
        assertThat(codes("options")).containsExactly("200");
    }

    @Test
    void everyErrorTheResourceCanAnswerIsDescribedWithItsCode() throws Exception {
        Set<String> errorStatuses = new TreeSet<>();
        Set<String> errorCodes = new TreeSet<>();
        for (Method factory : ApiError.class.getDeclaredMethods()) {
            if (Modifier.isStatic(factory.getModifiers()) && factory.getReturnType() == ApiError.class) {
                ApiError error = (ApiError) factory.invoke(null, "description");
                errorStatuses.add(String.valueOf(error.status().getStatusCode()));
                errorCodes.add(error.error());
            }
        }
        Set<String> describedErrorStatuses = new TreeSet<>();
        for (String method : fieldNames(path)) {
            codes(method).stream()
                    .filter(code -> code.startsWith("4") || code.startsWith("5"))
                    .forEach(describedErrorStatuses::add);
        }

        assertThat(describedErrorStatuses).isEqualTo(errorStatuses);
        assertThat(codes("put")).contains("400", "401", "403", "404", "503");
        assertThat(codes("get")).contains("503");
        assertThat(codes("delete")).contains("503");
        assertThat(textValues(openApi.at("/components/schemas/Error/properties/error/enum")))
                .isEqualTo(errorCodes);
        assertThat(fieldNames(openApi.at("/components/schemas/Error/properties")))
                .containsExactlyInAnyOrder("error", "error_description");
    }

    @Test
    void schemasMatchTheJsonTheResourceWritesAndReads() {
        assertThat(fieldNames(openApi.at("/components/schemas/Group/properties")))
                .isEqualTo(jsonNames(GroupView.class));
        assertThat(fieldNames(openApi.at("/components/schemas/ActiveGroupState/properties")))
                .isEqualTo(jsonNames(ActiveGroupState.class));
        assertThat(fieldNames(openApi.at("/components/schemas/ActiveGroupRequest/properties")))
                .containsExactly(ActiveGroupRequest.GROUP_FIELD);
    }

    private static Set<String> codes(String method) {
        return fieldNames(path.at("/" + method + "/responses"));
    }

    private static Set<String> jsonNames(Class<? extends Record> type) {
        Set<String> names = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            if (property == null && component.getAnnotation(JsonProperty.class) != null) {
                property = component.getAnnotation(JsonProperty.class);
            }
            names.add(property != null ? property.value() : component.getName());
        }
        return names;
    }

    private static Set<String> fieldNames(JsonNode node) {
        assertThat(node.isMissingNode()).as("node present in openapi.yaml").isFalse();
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> textValues(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .collect(Collectors.toCollection(HashSet::new))
                .stream()
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
