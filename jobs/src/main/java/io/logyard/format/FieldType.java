package io.logyard.format;

/** The type of one field of a format: drives the typed Parquet of {@code convert} and the docs. */
public enum FieldType {
  STRING,
  INT,
  LONG,
  DOUBLE,
  TIMESTAMP
}
