package io.logyard.source;

import java.io.Serializable;
import java.util.Map;

/**
 * One object found by discovery.
 *
 * @param sourceName the configured source it belongs to
 * @param uri its full URI
 * @param size bytes, as listed
 * @param modificationTime milliseconds since the epoch, as listed
 * @param etag the store's checksum where it gives one, else null
 * @param vars the path template's variables for this object's key
 */
public record SourceObject(
    String sourceName, String uri, long size, long modificationTime, String etag, Map<String, String> vars)
    implements Serializable {}
