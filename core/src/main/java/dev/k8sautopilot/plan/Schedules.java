package dev.k8sautopilot.plan;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schedules written in words, turned into cron expressions ({@code minute hour day-of-month month day-of-week}).
 * The phrasings understood are listed in {@code docs/request-phrasings.md}:
 *
 * <pre>
 * every 15 minutes / every 15 min          *&#47;15 * * * *
 * every minute                              * * * * *
 * every 2 hours                             0 *&#47;2 * * *
 * hourly / every hour                       0 * * * *
 * every night at 2am / nightly at 02:00     0 2 * * *
 * daily / every day (no time)               0 3 * * *
 * every morning / every evening             0 6 * * * / 0 18 * * *
 * at midnight / at noon                     0 0 * * * / 0 12 * * *
 * every monday at 9:30                      30 9 * * 1
 * on weekdays at 8am                        0 8 * * 1-5
 * on weekends                               0 3 * * 0,6
 * weekly / every week                       0 3 * * 0
 * monthly / every month                     0 3 1 * *
 * </pre>
 *
 * Stateless and thread-safe.
 */
final class Schedules {

    private static final Pattern EVERY_MINUTES = Pattern.compile("\\bevery (\\d{1,4}) ?(?:minutes?|mins?)\\b");
    private static final Pattern EVERY_MINUTE = Pattern.compile("\\bevery minute\\b");
    private static final Pattern EVERY_HOURS = Pattern.compile("\\bevery (\\d{1,3}) ?(?:hours?|hrs?)\\b");
    private static final Pattern HOURLY = Pattern.compile("\\b(?:hourly|every hour|each hour)\\b");
    private static final Pattern NIGHT = Pattern.compile("\\b(?:nightly|every night|each night|at night|overnight)\\b");
    private static final Pattern DAILY = Pattern.compile("\\b(?:daily|every day|each day|once a day|per day)\\b");
    private static final Pattern MORNING = Pattern.compile("\\b(?:every morning|each morning)\\b");
    private static final Pattern EVENING = Pattern.compile("\\b(?:every evening|each evening)\\b");
    private static final Pattern WEEKLY = Pattern.compile("\\b(?:weekly|every week|each week|once a week)\\b");
    private static final Pattern MONTHLY = Pattern.compile("\\b(?:monthly|every month|each month|once a month)\\b");
    private static final Pattern WEEKDAYS = Pattern.compile("\\b(?:on weekdays|every weekday|weekdays|monday (?:to|through|-) friday|mon-fri)\\b");
    private static final Pattern WEEKENDS = Pattern.compile("\\b(?:on weekends|every weekend|weekends)\\b");
    private static final Pattern DAY = Pattern.compile(
            "\\b(?:every|each|on) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\\b");
    private static final Pattern MIDNIGHT = Pattern.compile("\\b(?:at )?midnight\\b");
    private static final Pattern NOON = Pattern.compile("\\b(?:at )?(?:noon|midday)\\b");
    private static final Pattern TIME = Pattern.compile(
            "(?:\\b(?:at|@) ?(\\d{1,2})(?:[:.h](\\d{2}))? ?(am|pm|a\\.m\\.|p\\.m\\.)?(?![\\w:%])|\\b(\\d{1,2}):(\\d{2}) ?(am|pm)?\\b|\\b(\\d{1,2}) ?(am|pm)\\b)");
    private static final Map<String, Integer> DAYS = Map.of("sunday", 0, "monday", 1, "tuesday", 2, "wednesday", 3,
            "thursday", 4, "friday", 5, "saturday", 6);

    private Schedules() {
    }

    /**
     * The cron expression for a schedule written in words, if the text has one.
     *
     * @param text the request (any case)
     * @return the expression, or empty when no schedule phrase is found
     */
    static Optional<String> cron(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher m = EVERY_MINUTES.matcher(t);
        if (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 60 && n % 60 == 0 && n / 60 < 24) {
                return Optional.of("0 */" + (n / 60) + " * * *");
            }
            return Optional.of(n <= 1 ? "* * * * *" : "*/" + Math.min(n, 59) + " * * * *");
        }
        if (EVERY_MINUTE.matcher(t).find()) {
            return Optional.of("* * * * *");
        }
        m = EVERY_HOURS.matcher(t);
        if (m.find()) {
            int n = Integer.parseInt(m.group(1));
            return Optional.of(n <= 1 ? "0 * * * *" : "0 */" + Math.min(n, 23) + " * * *");
        }
        if (HOURLY.matcher(t).find()) {
            return Optional.of("0 * * * *");
        }
        String dow = "*";
        String dom = "*";
        int defaultHour = 3;
        boolean schedule = false;
        m = DAY.matcher(t);
        if (m.find()) {
            dow = String.valueOf(DAYS.get(m.group(1)));
            schedule = true;
        } else if (WEEKDAYS.matcher(t).find()) {
            dow = "1-5";
            schedule = true;
        } else if (WEEKENDS.matcher(t).find()) {
            dow = "0,6";
            schedule = true;
        } else if (WEEKLY.matcher(t).find()) {
            dow = "0";
            schedule = true;
        }
        if (MONTHLY.matcher(t).find()) {
            dom = "1";
            schedule = true;
        }
        if (NIGHT.matcher(t).find() || DAILY.matcher(t).find()) {
            schedule = true;
        } else if (MORNING.matcher(t).find()) {
            defaultHour = 6;
            schedule = true;
        } else if (EVENING.matcher(t).find()) {
            defaultHour = 18;
            schedule = true;
        }
        int hour = defaultHour;
        int minute = 0;
        if (MIDNIGHT.matcher(t).find()) {
            hour = 0;
            schedule = true;
        } else if (NOON.matcher(t).find()) {
            hour = 12;
            schedule = true;
        } else if (schedule) {
            m = TIME.matcher(t);
            while (m.find()) {
                String h = m.group(1) != null ? m.group(1) : m.group(4) != null ? m.group(4) : m.group(7);
                String min = m.group(2) != null ? m.group(2) : m.group(5);
                String half = m.group(3) != null ? m.group(3) : m.group(6) != null ? m.group(6) : m.group(8);
                int hh = Integer.parseInt(h);
                int mm = min == null ? 0 : Integer.parseInt(min);
                if (half != null) {
                    if (hh < 1 || hh > 12) {
                        continue;
                    }
                    hh = half.startsWith("p") ? (hh % 12) + 12 : hh % 12;
                }
                if (hh > 23 || mm > 59) {
                    continue;
                }
                hour = hh;
                minute = mm;
                break;
            }
        }
        return schedule ? Optional.of(minute + " " + hour + " " + dom + " * " + dow) : Optional.empty();
    }
}
