using ServerlessIR.Local.Drill;

namespace ServerlessIR.Local.Tests.Drill;

public sealed class DrillPeopleTests
{
    [Fact]
    public void Links_CardJson_FindsOpenUrlLink()
    {
        const string card = """{"type":"AdaptiveCard","actions":[{"type":"Action.OpenUrl","title":"Review","url":"http://127.0.0.1:7071/api/approvals/eyJhIjoxfQ.c2ln-_x"}]}""";
        Assert.Equal(["http://127.0.0.1:7071/api/approvals/eyJhIjoxfQ.c2ln-_x"], DrillPeople.Links(card));
    }

    [Fact]
    public void Links_HtmlMailWithNoticeLinkTwice_FindsItOnceDecoded()
    {
        const string mail = """<p><a href="https://ir.example/api/notices/eyJhIjoxfQ.c2ln">Review</a> or open https://ir.example/api/notices/eyJhIjoxfQ.c2ln</p>""";
        Assert.Equal(["https://ir.example/api/notices/eyJhIjoxfQ.c2ln"], DrillPeople.Links(mail));
    }

    [Fact]
    public void Links_OtherLinks_Ignored() =>
        Assert.Empty(DrillPeople.Links("""<a href="https://ir.example/api/incidents/inc-1">incident</a>"""));
}
