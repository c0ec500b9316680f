using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessIR.Local.Hosting.FunctionsApp;

/// <summary>
/// The <see cref="FunctionContext"/> the local dispatch hands a function: its name, a fresh invocation ID, the invocation's
/// service scope and the binding data the Functions host would supply (route values for HTTP, <c>instanceId</c> for an
/// activity). Output bindings, retries and input conversion are not part of it: our functions use none of them.
/// </summary>
public sealed class LocalFunctionContext : FunctionContext
{
    private readonly Definition definition;

    public LocalFunctionContext(FunctionEntry function, IServiceProvider services, IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(bindingData);
        definition = new Definition(function);
        InstanceServices = services;
        BindingContext = new LocalBindingContext(bindingData);
        CancellationToken = cancellationToken;
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();
    public override string FunctionId => definition.Id;
    public override TraceContext TraceContext { get; } = new LocalTraceContext();
    public override BindingContext BindingContext { get; }
    public override RetryContext RetryContext { get; } = new NoRetries();
    public override IServiceProvider InstanceServices { get; set; }
    public override FunctionDefinition FunctionDefinition => definition;
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features { get; } = new LocalFeatures();
    public override CancellationToken CancellationToken { get; }

    private sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }

    private sealed class NoRetries : RetryContext
    {
        public override int RetryCount => 0;
        public override int MaxRetryCount => 0;
    }

    private sealed class LocalTraceContext : TraceContext
    {
        public override string TraceParent => System.Diagnostics.Activity.Current?.Id ?? "";
        public override string TraceState => System.Diagnostics.Activity.Current?.TraceStateString ?? "";
    }

    private sealed class Definition(FunctionEntry function) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters { get; } =
            [.. function.Method.GetParameters().Select(p => new FunctionParameter(p.Name!, p.ParameterType))];
        public override string PathToAssembly => function.Class.Assembly.Location;
        public override string EntryPoint => $"{function.Class.FullName}.{function.Method.Name}";
        public override string Id { get; } = "local-" + function.Name;
        public override string Name => function.Name;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class LocalFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> features = [];

        public void Set<T>(T instance) => features[typeof(T)] = instance!;

        public T? Get<T>() => features.TryGetValue(typeof(T), out var value) ? (T)value : default;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => features.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
