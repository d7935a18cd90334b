package dev.llmrouter.camel.error;

/**
 * HTTP 403 that is not a moderation refusal: the key may not do this (e.g. "Only management keys can perform this
 * operation"), or a workspace or key limit forbids it. Not retryable, and no other target or model is tried: the
 * account, not the request, has to change.
 */
public class ForbiddenException extends LlmRouterException {

    public ForbiddenException(ErrorInfo info) {
        super(info, false);
    }
}
