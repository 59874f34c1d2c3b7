package dev.wslab.tutorials.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scrape is one read of a {@code /metrics} page, done the way Prometheus does it: an HTTP GET, answered
 * in the Prometheus text format, one sample per line ({@code name{labels} value}; {@code #} lines are
 * help and type comments).
 *
 * @param text the page as served
 * @param samples each sample's series ({@code wslab_closes_total{code="1006"}}) and value
 */
public record Scrape(String text, Map<String, Double> samples) {

    public Scrape {
        samples = Map.copyOf(samples);
    }

    // tag::scrape[]
    /** GETs {@code url} (e.g. {@code http://127.0.0.1:8080/metrics}) and reads the samples. */
    public static Scrape of(HttpClient http, URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Reads the samples of a page in the Prometheus text format. */
    public static Scrape parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return new Scrape(text, samples);
    }
    // end::scrape[]

    /** Returns a sample's value, 0 when the series is absent (a counter that never moved has no line). */
    public double value(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    /** Returns the number of connections closed with {@code code}, as counted by the server. */
    public double closes(int code) {
        return value("wslab_closes_total{code=\"" + code + "\"}");
    }
}
