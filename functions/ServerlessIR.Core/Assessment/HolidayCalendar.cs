using System.Text.Json;
using PublicHoliday;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// A jurisdiction's working days: weekends and public holidays from the PublicHoliday library, corrected by the
/// cited rules in <c>holiday-overrides.json</c> where the library lags or goes beyond the law. A jurisdiction without a
/// library calendar (BR, SG) takes its holidays from those rules alone, each with its legal source.
/// </summary>
public sealed class HolidayCalendar
{
    private static readonly Lazy<IReadOnlyList<HolidayOverride>> AllOverrides = new(LoadOverrides);

    private readonly IPublicHolidays? _library;
    private readonly IReadOnlyList<HolidayOverride> _overrides;

    private HolidayCalendar(string jurisdiction, IPublicHolidays? library, IReadOnlyList<HolidayOverride> overrides)
    {
        Jurisdiction = jurisdiction;
        _library = library;
        _overrides = overrides;
    }

    /// <summary>The ISO 3166-1 code (or <c>US</c> for U.S. federal holidays) whose holidays this calendar knows.</summary>
    public string Jurisdiction { get; }

    /// <summary>Whether any holiday source exists; without one only weekends are skipped.</summary>
    public bool HasHolidaySource => _library is not null || _overrides.Any(o => o.Action == "add");

    /// <summary>The cited override entries in force for this jurisdiction.</summary>
    public IReadOnlyList<HolidayOverride> Overrides => _overrides;

    /// <summary>Every override entry shipped with the assembly.</summary>
    public static IReadOnlyList<HolidayOverride> ShippedOverrides => AllOverrides.Value;

    /// <summary>The calendar for an ISO 3166-1 alpha-2 code or an ISO 3166-2 subdivision (which uses its country's national holidays).</summary>
    public static HolidayCalendar For(string jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        var country = jurisdiction.Split('-')[0].ToUpperInvariant();
        return new HolidayCalendar(country, LibraryFor(country),
            AllOverrides.Value.Where(o => o.Jurisdiction == country).ToList());
    }

    /// <summary>Whether <paramref name="day"/> is a public holiday (weekends are not holidays in this sense).</summary>
    public bool IsHoliday(DateOnly day)
    {
        foreach (var entry in _overrides)
        {
            if (entry.Matches(day))
            {
                return entry.AddsHoliday;
            }
        }
        return _library?.IsPublicHoliday(day.ToDateTime(TimeOnly.MinValue)) ?? false;
    }

    /// <summary>
    /// Why <paramref name="day"/> is a holiday, or why a day commonly taken for one is a working day here; null for an
    /// ordinary day. The first matching rule speaks, as in <see cref="IsHoliday"/>.
    /// </summary>
    public HolidayNote? Note(DateOnly day)
    {
        var entry = _overrides.FirstOrDefault(o => o.Matches(day));
        if (entry is not null)
        {
            return new HolidayNote(entry.Name, entry.AddsHoliday, entry.Citation, entry.Alternative, entry.Verify);
        }
        if (_library is null || !_library.IsPublicHoliday(day.ToDateTime(TimeOnly.MinValue)))
        {
            return null;
        }
        var names = _library.PublicHolidayNames(day.Year);
        var name = names.TryGetValue(day.ToDateTime(TimeOnly.MinValue), out var known) ? known : "public holiday";
        return new HolidayNote(name, true, $"PublicHoliday library, national calendar of {Jurisdiction}");
    }

    /// <summary>Whether <paramref name="day"/> is a working day: not a Saturday, Sunday or public holiday.</summary>
    public bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day);

    // National (federal) calendars only: regional holidays are not legal holidays for the regulators we notify. Brazil is
    // left out: the library counts Carnival and Corpus Christi, which no national law makes holidays, so its calendar is
    // the cited rules of holiday-overrides.json alone.
    private static IPublicHolidays? LibraryFor(string country) => country switch
    {
        "AT" => new AustriaPublicHoliday(),
        "BE" => new BelgiumPublicHoliday(),
        "CZ" => new CzechRepublicPublicHoliday(),
        "DE" => new GermanPublicHoliday(),
        "DK" => new DenmarkPublicHoliday(),
        "EE" => new EstoniaPublicHoliday(),
        "ES" => new SpainPublicHoliday(),
        "FI" => new FinlandPublicHoliday(),
        "FR" => new FrancePublicHoliday(),
        "GB" => new UKBankHoliday(),
        "GR" => new GreecePublicHoliday(),
        "HR" => new CroatiaPublicHoliday(),
        "HU" => new HungaryPublicHoliday(),
        "IE" => new IrelandPublicHoliday(),
        "IT" => new ItalyPublicHoliday(),
        "LT" => new LithuaniaPublicHoliday(),
        "LU" => new LuxembourgPublicHoliday(),
        "LV" => new LatviaPublicHoliday(),
        "NL" => new DutchPublicHoliday(),
        "NO" => new NorwayPublicHoliday(),
        "PL" => new PolandPublicHoliday(),
        "PT" => new PortugalPublicHoliday(),
        "RO" => new RomanianPublicHoliday(),
        "SE" => new SwedenPublicHoliday(),
        "SI" => new SloveniaPublicHoliday(),
        "SK" => new SlovakiaPublicHoliday(),
        "US" => new USAPublicHoliday(),
        _ => null,
    };

    private static IReadOnlyList<HolidayOverride> LoadOverrides()
    {
        var assembly = typeof(HolidayCalendar).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Assessment.holiday-overrides.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("overrides").Deserialize<List<HolidayOverride>>(CatalogJson.Options) ?? [];
    }
}
