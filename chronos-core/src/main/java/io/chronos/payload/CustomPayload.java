package io.chronos.payload;

/**
 * The payload of a host-defined job type. Implement it with a record whose components Jackson can
 * write and read (strings, numbers, booleans, lists, maps, nested records, java.time values); it is
 * stored as JSON. Components whose name contains password, secret, token, apikey or authorization
 * are masked in audit events and API views.
 */
public non-sealed interface CustomPayload extends JobPayload {}
