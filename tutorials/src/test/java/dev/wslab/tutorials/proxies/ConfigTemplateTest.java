package dev.wslab.tutorials.proxies;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ConfigTemplate: only the upper-case ${PLACEHOLDERS} change")
class ConfigTemplateTest {

    private static final Map<String, String> VALUES = Map.of("LISTEN_PORT", "8080", "BACKEND_PORT", "9000",
            "IDLE_TIMEOUT", "3600s");

    @Test
    void replacesPlaceholdersAndLeavesNginxVariablesAlone() {
        ConfigTemplate template = new ConfigTemplate("test",
                "listen ${LISTEN_PORT}; proxy_set_header Upgrade $http_upgrade; set $x ${host}; t ${IDLE_TIMEOUT};");

        assertThat(template.render(VALUES))
                .isEqualTo("listen 8080; proxy_set_header Upgrade $http_upgrade; set $x ${host}; t 3600s;");
    }

    @Test
    void refusesAPlaceholderWithoutAValue() {
        ConfigTemplate template = new ConfigTemplate("test.conf", "server 127.0.0.1:${BACKEND_HOST};");

        assertThatThrownBy(() -> template.render(VALUES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.conf uses ${BACKEND_HOST}");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProxyKind.class)
    @DisplayName("the tutorial's configuration files use exactly the three documented placeholders")
    void shippedTemplatesRenderCompletely(ProxyKind kind) throws Exception {
        String rendered = ConfigTemplate.read(Path.of("src", "main", "config").resolve(kind.template())).render(VALUES);

        assertThat(rendered).doesNotContainPattern("\\$\\{[A-Z]").contains("127.0.0.1:8080", "127.0.0.1:9000",
                "3600s");
    }

    @Test
    void writesDurationsBothProxiesRead() {
        assertThat(ProxyProcess.configDuration(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(ProxyProcess.configDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ProxyProcess.configDuration(Duration.ofHours(1))).isEqualTo("3600s");
    }
}
