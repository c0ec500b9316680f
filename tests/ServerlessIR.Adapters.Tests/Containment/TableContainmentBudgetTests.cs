using Azure.Data.Tables;
using ServerlessIR.Adapters.Containment;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Tests.Storage;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Adapters.Tests.Containment;

/// <summary>The automation budget's table against the run's Azurite, each test with a storage prefix of its own.</summary>
[Trait("Category", "Storage")]
[Collection(Evidence.AzuriteCollection.Name)]
public sealed class TableContainmentBudgetTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private async Task<TableContainmentBudget> BudgetAsync(string hint, string? scope = null)
    {
        var names = new TableNames(new StorageOptions { Prefix = TestStorageAccount.NewPrefix(hint) });
        await azurite.CreateAsync(names);
        return new TableContainmentBudget(azurite.Tables, names, scope);
    }

    private static BudgetRequest Request(string incident, int step = 4, DateTimeOffset? at = null, int perIncident = 1, int perDay = 2, string system = "bnpl-credit-scoring") =>
        new(system, "keyvault.rotate-secret", incident, step, at ?? Noon, perIncident, perDay);

    [Fact]
    public async Task ReserveAsync_PastPerDay_RefusesTheNextIncident()
    {
        var budget = await BudgetAsync("bday");

        var first = await budget.ReserveAsync(Request("inc-1"));
        var second = await budget.ReserveAsync(Request("inc-2", at: Noon.AddMinutes(5)));
        var third = await budget.ReserveAsync(Request("inc-3", at: Noon.AddMinutes(10)));

        Assert.True(first.Granted);
        Assert.True(second.Granted);
        Assert.False(third.Granted);
        Assert.Equal(2, third.UsedToday);
        Assert.Contains("2 time(s) in 24 h (budget 2)", third.Describe("keyvault.rotate-secret", "bnpl-credit-scoring"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReserveAsync_SameIncidentAndStepAgain_GrantedWithoutASecondSlot()
    {
        var budget = await BudgetAsync("bidem");

        Assert.True((await budget.ReserveAsync(Request("inc-1"))).Granted);
        var replay = await budget.ReserveAsync(Request("inc-1", at: Noon.AddSeconds(30)));
        var other = await budget.ReserveAsync(Request("inc-2"));

        Assert.True(replay.Granted);
        Assert.Equal(1, replay.UsedToday);
        Assert.True(other.Granted);
        Assert.Equal(2, other.UsedToday);
    }

    [Fact]
    public async Task ReserveAsync_SecondStepOfTheSameActionInOneIncident_RefusedByThePerIncidentBudget()
    {
        var budget = await BudgetAsync("binc");

        Assert.True((await budget.ReserveAsync(Request("inc-1", step: 4, perDay: 10))).Granted);
        var again = await budget.ReserveAsync(Request("inc-1", step: 9, perDay: 10));

        Assert.False(again.Granted);
        Assert.Equal(1, again.UsedInIncident);
    }

    [Fact]
    public async Task ReserveAsync_ReservationOlderThanTheWindow_NoLongerCounts()
    {
        var budget = await BudgetAsync("bwin");

        Assert.True((await budget.ReserveAsync(Request("inc-1", perDay: 1))).Granted);
        Assert.False((await budget.ReserveAsync(Request("inc-2", at: Noon.AddHours(23), perDay: 1))).Granted);
        Assert.True((await budget.ReserveAsync(Request("inc-3", at: Noon.AddHours(24).AddMinutes(1), perDay: 1))).Granted);
    }

    [Fact]
    public async Task ReserveAsync_OtherAiSystemOrScope_CountsApart()
    {
        var names = new TableNames(new StorageOptions { Prefix = TestStorageAccount.NewPrefix("bscope") });
        await azurite.CreateAsync(names);
        var drillA = new TableContainmentBudget(azurite.Tables, names, "drillA");
        var drillB = new TableContainmentBudget(azurite.Tables, names, "drillB");

        Assert.True((await drillA.ReserveAsync(Request("inc-1", perDay: 1))).Granted);
        Assert.True((await drillA.ReserveAsync(Request("inc-2", perDay: 1, system: "checkout-fraud-scoring"))).Granted);
        Assert.True((await drillB.ReserveAsync(Request("inc-3", perDay: 1))).Granted);
        Assert.False((await drillA.ReserveAsync(Request("inc-4", perDay: 1))).Granted);
    }

    [Fact]
    public async Task ReserveAsync_ManyIncidentsRaceForTheLastSlots_NoMoreGrantedThanTheBudget()
    {
        var names = new TableNames(new StorageOptions { Prefix = TestStorageAccount.NewPrefix("brace") });
        await azurite.CreateAsync(names);
        // Separate store instances, as separate workers would hold, all against the same row.
        var results = await Task.WhenAll(Enumerable.Range(1, 12).Select(i =>
            new TableContainmentBudget(azurite.Tables, names).ReserveAsync(Request("inc-" + i, perDay: 3))));

        Assert.Equal(3, results.Count(r => r.Granted));
        var row = Assert.Single(azurite.Tables.GetTableClient(names.ContainmentBudgets).Query<TableEntity>());
        Assert.Equal(3, System.Text.Json.JsonDocument.Parse(row.GetString("Reservations")).RootElement.GetArrayLength());
    }
}
