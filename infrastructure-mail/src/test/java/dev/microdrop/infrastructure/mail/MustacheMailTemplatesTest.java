package dev.microdrop.infrastructure.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microdrop.core.notification.Notification;
import dev.microdrop.core.notification.NotificationKind;
import dev.microdrop.core.notification.RenderedMail;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MustacheMailTemplatesTest {

    private final MustacheMailTemplates templates = new MustacheMailTemplates("test-mail");

    @Test
    void render_escapesHtmlInTheHtmlPartOnly() {
        RenderedMail mail = templates.render(Notification.transactional(NotificationKind.ORDER_RECEIPT,
                "ada@example.com", "Receipt ord_1", Map.of("name", "<Ada & co>")), Optional.empty());

        assertThat(mail.text()).startsWith("Hello <Ada & co>,").doesNotContain("Unsubscribe");
        assertThat(mail.html()).startsWith("<p>Hello &lt;Ada &amp; co&gt;,</p>");
        assertThat(mail.headers()).containsOnlyKeys(RenderedMail.KIND_HEADER);
    }

    @Test
    void render_marketing_thenOneClickUnsubscribeHeaders_andTheLinkInBothParts() {
        Notification news = new Notification(NotificationKind.ORDER_RECEIPT, "ada@example.com", "News",
                Map.of("name", "Ada"), true);

        RenderedMail mail = templates.render(news, Optional.of(URI.create("https://shop.example/u?t=1&x=2")));

        assertThat(mail.headers()).containsEntry("List-Unsubscribe", "<https://shop.example/u?t=1&x=2>")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(mail.text()).contains("Unsubscribe: https://shop.example/u?t=1&x=2");
        assertThat(mail.html()).contains("href=\"https://shop.example/u?t&#x3D;1&amp;x&#x3D;2\"");
        assertThatThrownBy(() -> templates.render(news, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void render_whenTheModelLacksAVariable_thenFails() {
        assertThatThrownBy(() -> templates.render(Notification.transactional(NotificationKind.ORDER_RECEIPT,
                "ada@example.com", "Receipt ord_1", Map.of()), Optional.empty())).hasMessageContaining("name");
    }
}
