/**
 * Builders of the events API Gateway sends, shaped as `sam local generate-event apigateway
 * http-api-proxy` and `aws-proxy` write them, with the values a real API would fill in.
 * Overrides are spread over a full base event; `headers` are merged into the base ones.
 */
export * from './http-event.js';
export * from './lambda-context.js';
export * from './rest-event.js';
