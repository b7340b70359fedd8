package dev.microdrop.core.drop;

/**
 * A point on the earth in WGS 84 degrees, as maps and GPS give it: where a hub is, for directories and calendars.
 *
 * @param latitude  -90 (south pole) to 90 (north pole)
 * @param longitude -180 to 180, east positive
 */
public record Coordinates(double latitude, double longitude) {

    public Coordinates {
        if (!valid(latitude, longitude)) {
            throw new IllegalArgumentException("coordinates out of range: " + latitude + ", " + longitude);
        }
    }

    /** Whether a latitude and longitude are WGS 84 degrees (finite, within their ranges). */
    public static boolean valid(double latitude, double longitude) {
        return latitudeValid(latitude) && longitudeValid(longitude);
    }

    public static boolean latitudeValid(double latitude) {
        return Double.isFinite(latitude) && latitude >= -90 && latitude <= 90;
    }

    public static boolean longitudeValid(double longitude) {
        return Double.isFinite(longitude) && longitude >= -180 && longitude <= 180;
    }
}
