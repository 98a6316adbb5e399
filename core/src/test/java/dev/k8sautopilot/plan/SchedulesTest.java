package dev.k8sautopilot.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("schedules in words")
class SchedulesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "every night at 2am|0 2 * * *",
        "nightly at 02:00|0 2 * * *",
        "Every 15 minutes|*/15 * * * *",
        "every 15 min|*/15 * * * *",
        "every minute|* * * * *",
        "every 120 minutes|0 */2 * * *",
        "every 2 hours|0 */2 * * *",
        "hourly|0 * * * *",
        "daily|0 3 * * *",
        "every day at 11:45 pm|45 23 * * *",
        "every day at 12am|0 0 * * *",
        "every day at 12pm|0 12 * * *",
        "every morning|0 6 * * *",
        "every evening at 7pm|0 19 * * *",
        "at midnight every day|0 0 * * *",
        "every monday at 9:30|30 9 * * 1",
        "on weekdays at 8am|0 8 * * 1-5",
        "on weekends|0 3 * * 0,6",
        "weekly|0 3 * * 0",
        "monthly at 4am|0 4 1 * *",
        "every sunday at noon|0 12 * * 0",
    })
    void phrasings(String text, String cron) {
        assertThat(Schedules.cron("a backup job that runs " + text)).contains(cron);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a web app with 3 replicas on port 8080", "rate limit 100 requests per minute", "at 2 replicas"})
    void noSchedule(String text) {
        assertThat(Schedules.cron(text)).isEmpty();
    }
}
