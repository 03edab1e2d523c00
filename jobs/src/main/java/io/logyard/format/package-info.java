/**
 * Log formats: one pure-Java, single-pass parser per format, from a line to a {@link
 * io.logyard.format.LogEvent}, and the field list that describes what it yields.
 *
 * <p>{@link io.logyard.format.LogFormats#create} gives a format by the name users type (see
 * {@link io.logyard.format.LogFormats#names}), or a format users define ({@code delimited},
 * {@code regex}: {@link io.logyard.format.UserFormat}). Instances are immutable and thread-safe:
 * create one per source and share it across threads. {@link
 * io.logyard.format.LogFormat#forObject} gives a parser for one object (file), for formats whose
 * header lines define the columns and documents that hold many records.
 *
 * <p>Shared machinery: {@code BaseFormat} holds the guarded {@code parse}; delimited formats
 * declare a positional {@code FieldTable}; JSON record formats extend {@code JsonRecordFormat}.
 *
 * <p>Conventions shared by the formats:
 *
 * <ul>
 *   <li>Every line gives an event or a {@link io.logyard.format.MalformedLineException} whose
 *       reason says what was expected and at which 1-based column; no other exception leaves
 *       {@code parse}. Header rows are reported by {@code isHeader}, not parsed.
 *   <li>{@code -} placeholders become null columns and absent attributes (a {@code -} byte
 *       count is 0, as Apache's {@code %b} means).
 *   <li>Timestamps are epoch microseconds, UTC.
 *   <li>HTTP-style formats set alert_level from the status: 5xx ERROR, 4xx WARN, else INFO.
 *   <li>Every attribute a parser emits is declared in its {@code fields()}, except the
 *       catch-alls: {@code extra_1}, {@code extra_2}, ... for trailing fields a format does not
 *       know yet, and, for the JSON formats ({@code json}, {@code logfmt}, {@code
 *       oci-objectstorage}, {@code gcp-logging}, {@code azure-monitor}, {@code aws-cloudtrail}),
 *       fields flattened to dotted keys.
 * </ul>
 */
package io.logyard.format;
