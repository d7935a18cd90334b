package dev.llmrouter.camel.protocol;

/** Receives the outcome of one asynchronous operation: exactly one method is called, once. */
public interface ResultCallback<T> {

    void onSuccess(T result);

    void onFailure(RuntimeException failure);
}
