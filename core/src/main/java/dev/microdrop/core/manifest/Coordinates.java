package dev.microdrop.core.manifest;

/**
 * Where a hub is, as written: {@code {lat: 52.5291, lon: 13.4014}}, WGS 84 degrees. The ranges are checked with the
 * manifest's other rules; {@link dev.microdrop.core.drop.Coordinates} is the checked value the drop carries.
 */
public record Coordinates(double lat, double lon) {
}
