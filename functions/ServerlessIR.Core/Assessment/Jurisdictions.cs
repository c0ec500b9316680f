namespace ServerlessIR.Core.Assessment;

/// <summary>ISO 3166 codes the assessor accepts, and the groupings the regimes care about (EU, EEA).</summary>
public static class Jurisdictions
{
    // ISO 3166-1 alpha-2 officially assigned codes. Kept here rather than from RegionInfo, whose list depends on
    // the host's ICU data and would make validation differ between machines.
    private static readonly HashSet<string> Iso3166Alpha2 = new(
        """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
        CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO
        FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE
        JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO
        MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
        PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM
        TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    // ISO 3166-2:US: the states, the District of Columbia and the outlying areas.
    private static readonly HashSet<string> UsSubdivisions = new(
        """
        AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR
        PA RI SC SD TN TX UT VT VA WA WV WI WY DC AS GU MP PR UM VI
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    /// <summary>The 27 EU Member States (GDPR, AI Act, NIS2, DORA).</summary>
    public static IReadOnlySet<string> EuMemberStates { get; } = new HashSet<string>(
        ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
         "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"], StringComparer.Ordinal);

    /// <summary>EU plus Iceland, Liechtenstein and Norway, where the GDPR applies through the EEA Agreement.</summary>
    public static IReadOnlySet<string> Eea { get; } = new HashSet<string>(EuMemberStates.Concat(["IS", "LI", "NO"]), StringComparer.Ordinal);

    /// <summary>All assigned ISO 3166-1 alpha-2 codes.</summary>
    public static IReadOnlySet<string> Countries => Iso3166Alpha2;

    /// <summary>Whether <paramref name="code"/> is an ISO 3166-1 alpha-2 code.</summary>
    public static bool IsCountry(string code) => Iso3166Alpha2.Contains(code);

    /// <summary>
    /// Whether <paramref name="code"/> is a country code or an ISO 3166-2 subdivision. U.S. subdivisions are checked
    /// against the list (state laws depend on them); others only for shape and a valid country prefix.
    /// </summary>
    public static bool IsValid(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (IsCountry(code))
        {
            return true;
        }
        var dash = code.IndexOf('-', StringComparison.Ordinal);
        if (dash != 2 || !IsCountry(code[..2]))
        {
            return false;
        }
        var sub = code[3..];
        if (code.StartsWith("US-", StringComparison.Ordinal))
        {
            return UsSubdivisions.Contains(sub);
        }
        return sub.Length is >= 1 and <= 3 && sub.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9'));
    }

    /// <summary>The country part of a code (<c>US-CA</c> -> <c>US</c>).</summary>
    public static string CountryOf(string code) => code.Length > 2 ? code[..2] : code;
}
