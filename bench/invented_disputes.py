"""How many invented non-disputes the disagreement finder lists, and how many invented clashes it finds.

    PYTHONPATH=. python bench/invented_disputes.py [--all]

A loosening of the finder is measured on the analysis set for what it finds;
what it wrongly lists shows best on stories written to tempt it: two different
quantities of one story told in similar sentences (a budget and the spending,
two years' figures, two chambers, a total and its part, before and after, a
forecast and a result, two places, two groups under two names, a speaker's
figure and another quantity, a forecast told after the figure). Each case is a story of two versions, each one
short paragraph, with invented places, people, figures and wording. The real clashes beside them
are one quantity told with two values in paraphrase: what a loosening is for.

Invented sentences are short, so their words overlap more than two real
reports' do: the counts are a tripwire for a rule (a rule that lists a
non-dispute here is withdrawn unless a strong reason says otherwise), not a
measure of precision on real coverage. Prints each listed non-dispute and each
missed clash (all cases with --all), then the two counts.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdigest.model import Post
from newsdigest.stories.disagreements import find_disagreements

_DAY = datetime(2026, 4, 7, 9, tzinfo=UTC)


@dataclass(frozen=True)
class Case:
    """One invented story: its name, whether its versions really clash, and each version's text."""

    name: str
    clash: bool
    versions: tuple[str, ...]


def _non(name: str, *versions: str) -> Case:
    return Case(name, False, versions)


def _clash(name: str, *versions: str) -> Case:
    return Case(name, True, versions)


CASES = (
    _non("a budget and the spending",
         "The Carrow council set a budget of $4.2 million for road repairs this year, its records show.",
         "The Carrow council has spent $3.8 million on road repairs this year, its records show."),
    _non("two years in one version",
         "The Dunmore plant made 12,000 cars last year and 14,000 cars this year, the company said.",
         "The Dunmore plant made 14,000 cars this year, the company said."),
    _non("two chambers",
         "The bill passed the lower house with 240 votes on Tuesday.",
         "The bill passed the senate with 60 votes on Tuesday, after it won 220 votes in the lower house last week."),
    _non("a total and its part in two places",
         "The storm destroyed 1,200 homes across Kessel County, officials said.",
         "The storm destroyed 900 homes in the town of Varn, officials said."),
    _non("before and after",
         "The Kessel bank employed 9,000 people before the merger.",
         "The Kessel bank employs 7,500 people, down from 9,000 before the merger."),
    _non("a forecast and the result",
         "Economists had forecast that 180,000 jobs would be added in March.",
         "The economy added 150,000 jobs in March, the labour office said."),
    _non("two names of two groups in sentences sharing a figure",
         "During the 12-day strike, 4,300 mill employees kept working, the union said.",
         "During the 12-day strike, 3,700 mill workers stayed off the job, the union said."),
    _non("two names under a sending and a standing total",
         "The army sent 3,000 troops to the Gulf region.",
         "The army has 3,400 soldiers stationed in the Gulf region."),
    _non("a noun counted in many places: the force and the part withdrawn",
         "The republic has 1,800 troops in Varn. It has 9,000 troops in Orrin and 21,000 troops in Tesk. "
         "A further 4,000 troops are in Carrow.",
         "The president ordered 1,200 troops out of Varn by spring, officials said."),
    _non("a noun counted in many places: two places",
         "The republic keeps 4,000 troops in Carrow, 9,000 troops in Orrin, 21,000 troops in Tesk and 1,800 "
         "troops in Varn.",
         "About 4,300 troops in Dunmore support missions in Carrow."),
    _non("a speaker's figure of another thing",
         "“We have 30 fire engines on the ground,” Chief Ada Ruiz said.",
         "Chief Ada Ruiz said 35 firefighters were at the scene."),
    _non("a speaker's ask and what was given",
         "“We are asking for $820 million for the tram line,” Mayor Osei said.",
         "The council gave Mayor Osei $610 million for public transport."),
    _non("a speaker's total and the outlet's part",
         "“We lost 1,200 homes in this county,” Governor Mirel said.",
         "Governor Mirel said the fire destroyed 1,000 homes in the town of Varn."),
    _non("a speaker's last year and this year",
         "“Last year we treated 4,000 patients,” Dr. Okafor said.",
         "Dr. Okafor said the clinic has treated 3,500 patients this year."),
    _non("a speaker's goal and the result",
         "“We hope to raise $50,000 tonight,” said Mayor Lind.",
         "Mayor Lind said the gala raised $42,000."),
    _non("a figure inside a range whose scale word is said once",
         "The sea wall would cost between $5 and $6 billion, officials said.",
         "The sea wall would cost $5.5 billion, officials said."),
    _non("a forecast told after the figure and the result",
         "Some 180,000 jobs were forecast for March, economists said.",
         "The economy added 150,000 jobs in March, the labour office said."),
    _non("a sum inside a range whose scale and currency words are said once",
         "The fund holds between 5 and 6 million euros, officials said.",
         "The fund holds 5.5 million euros, officials said."),
    _non("a sentence and the time served",
         "A court sentenced Vell to 12 years in prison in 2015.",
         "Vell has served 10 years of his sentence in the Carrow prison."),
    _non("two waits",
         "Travellers waited 14 days for their test results at the border.",
         "Travellers were quarantined for 10 days at the border."),
    _non("a closure and the repairs",
         "The bridge was closed for 45 days after the flood.",
         "Repairs to the bridge took 40 days after the flood, engineers said."),
    _non("the rescue's hours and the hours trapped",
         "Rescuers worked for 18 hours to reach the miners.",
         "The miners were trapped underground for 20 hours before rescuers reached them."),
    _clash("one count, one sentence",
           "The storm destroyed 1,200 homes across Kessel County, officials said.",
           "The storm destroyed 1,400 homes across Kessel County, officials said."),
    _clash("a sum demanded, in paraphrase",
           "The harbour board now wants the ministry to release $740 million for the new quay.",
           "The board asked for $780 million for the new quay on Tuesday."),
    _clash("two names of one count in sentences sharing a figure",
           "The strike shut the Carrow mills for 12 days and left 6,200 workers without wages.",
           "The walkout kept roughly 6,900 mill employees from their wages for 12 days."),
    _clash("a speaker's figure and the outlet's report of it",
           "“Not $500 million, we need $820 million,” Mayor Osei told the council on Monday.",
           "Mayor Osei now wants the council to set aside $870 million for the tram line."),
    _clash("a toll told in other words",
           "A fire at a textile factory in Varn killed 42 workers on Monday, officials said.",
           "Forty-five people died when fire swept through a garment plant in Varn on Monday."),
    _clash("the dead and the killed",
           "At least 12 people were killed when the bridge collapsed in Carrow.",
           "The collapse of the Carrow bridge left 10 people dead, police said."),
    _clash("a grant in other words",
           "The council approved a $4.2 million grant for the new library.",
           "Councillors signed off on $4.8 million to build the library."),
    _clash("a crowd",
           "Police estimated the crowd at 20,000 people in the main square.",
           "Some 25,000 protesters packed the main square, police said."),
    _clash("jobs and positions",
           "The carmaker will cut 3,000 jobs in Orrin, it said on Tuesday.",
           "The carmaker announced plans to eliminate 3,500 positions in Orrin."),
    _clash("a fine and a penalty",
           "The regulator fined the bank $25 million for the breaches.",
           "The bank must pay a $30 million penalty over the breaches, the regulator said."),
    _clash("passengers",
           "The plane was carrying 162 passengers and seven crew.",
           "The aircraft had 155 passengers on board, the airline said."),
    _clash("a prison term",
           "The judge sentenced Vell to 12 years in prison.",
           "Vell was jailed for 15 years by the court on Friday."),
    _clash("turnout",
           "Turnout was 62 percent, the election commission said.",
           "The election commission put turnout at 58 percent."),
    _clash("students and pupils",
           "The school has 1,200 students, the district said.",
           "About 900 pupils attend the school, the district said."),
    _clash("miles of track",
           "The grant would pay for 118 miles of new track.",
           "The money would cover 90 miles of new track."),
    _clash("a lockout's days",
           "The lockout lasted 23 days, the longest on record.",
           "The record lockout lasted 27 days."),
    _clash("a figure outside a range whose scale word is said once",
           "The sea wall would cost $5 to $6 billion, officials said.",
           "The sea wall would cost $4 billion, officials said."),
    # One place named two ways that share no word: what a rule setting apart two places' figures would lose.
    _clash("a building and its district",
           "The collapse killed 42 workers at Orla Plaza, officials said.",
           "The collapse killed 45 workers in Dunsby, officials said."),
    _clash("a country and its initials",
           "The recall covers 1.2 million cars in the Tesk Federation, the company said.",
           "The recall covers 1.5 million cars in the TF, the company said."),
    _clash("a company and its initials",
           "The carmaker will cut 3,000 jobs at Carrow Motors plants, it said.",
           "The carmaker will cut 3,500 jobs at CM plants, it said."),
    _clash("a county and its region",
           "The fire burned 1,200 homes in Kessel County, officials said.",
           "The fire burned 1,400 homes in the Osk Valley, officials said."),
    # One budget told two ways: what a rule setting a budget apart from any other figure would lose.
    _clash("a budget stated and a budget named",
           "The council's budget for road repairs is $4.2 million.",
           "The council approved a $4.5 million budget for road repairs."),
    _clash("a budget's total and a budget of",
           "The road repair budget totals $4.2 million, the council said.",
           "The council approved a budget of $4.5 million for road repairs."),
    _clash("a budget cut to a sum and the spending",
           "The council cut its road budget to $4.2 million.",
           "The council's road spending now stands at $4.5 million."),
    _clash("a budget cut told two ways",
           "The council approved a $4.2 million budget cut for schools.",
           "The council cut $4.5 million from the schools budget."),
    # Two forecasts, one told as a noun or after the figure.
    _clash("a forecast as a verb and as a noun",
           "Economists had forecast 180,000 new jobs in March.",
           "The economists' consensus forecast was 190,000 new jobs in March."),
    _clash("a forecast before and after the figure",
           "Forecasters predict 10 inches of snow in Carrow.",
           "Some 14 inches of snow are forecast in Carrow."),
    # Ranges whose scale word is said once, against a figure outside them.
    _clash("a sum outside a range whose scale and currency words are said once",
           "The dam would cost 5 to 6 billion dollars, officials said.",
           "The dam would cost 4 billion dollars, officials said."),
    _clash("a count outside a range with a comma-grouped first end",
           "The fair drew between 600,000 and 1 million visitors, its organisers said.",
           "The fair drew 500,000 visitors, its organisers said."),
    # Durations told under two verbs: what a rule telling durations apart by their verbs would lose.
    _clash("a strike's days under two verbs",
           "The strike at the Carrow plant lasted 12 days, the union said.",
           "The strike at the Carrow plant ended after 14 days, the union said."),
    _clash("days in captivity under two verbs",
           "The hostages were held for 40 days in the Varn hills.",
           "The hostages were freed after 45 days in the Varn hills."),
    _clash("a trial's days under two verbs",
           "The Carrow trial lasted 14 days.",
           "The Carrow trial ran for 11 days."),
    _clash("years on a council under two verbs",
           "Ruiz served 12 years on the council.",
           "Ruiz spent 10 years on the council."),
)


def _listed(case: Case) -> list[tuple[str, ...]]:
    """The values of each dispute the finder lists for the case's versions."""
    posts = [Post(id=f"v{k}", title="Invented story", body=text, source=f"sources/v{k}.md", published=_DAY)
             for k, text in enumerate(case.versions)]
    return [tuple(sorted(c.value for c in d.claims)) for d in find_disagreements(posts)]


def main(argv: list[str]) -> int:
    listed = found = 0
    for case in CASES:
        disputes = _listed(case)
        wrong = bool(disputes) != case.clash
        listed += bool(disputes) and not case.clash
        found += bool(disputes) and case.clash
        if wrong or "--all" in argv:
            label = "clash" if case.clash else "non-dispute"
            print(f"  {label} {'missed' if case.clash and not disputes else 'listed' if disputes else 'silent'}: "
                  f"{case.name} {disputes}")
    clashes = sum(case.clash for case in CASES)
    print(f"invented non-disputes listed: {listed}/{len(CASES) - clashes}; invented clashes found: {found}/{clashes}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
