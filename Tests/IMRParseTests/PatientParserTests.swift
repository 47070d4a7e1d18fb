import Testing
@testable import IMRParse

@Suite struct PatientParserTests {
    func patient(_ s: String, year: Int = 2015) -> Patient {
        let lines = LetterLines(Array(s.utf8))
        return PatientParser.parse(lines, order: [0..<lines.bytes.count], headerInjury: nil, referenceYear: year)
    }

    @Test func ageAndSex() {
        let p = patient("Medical records reflect the claimant is a 61 year old male who sustained a work injury on 12-3-\n\n09. On this date")
        #expect(p.age?.value == 61)
        #expect(p.sex?.value == "male")
        #expect(p.injuryDate?.value.iso == "2009-12-03")
    }
    @Test func ageForms() {
        #expect(patient("This 66-year-old man injured his back").age?.value == 66)
        #expect(patient("This 66-year-old man injured his back").sex?.value == "male")
        #expect(patient("a 52 year-old woman").sex?.value == "female")
        #expect(patient("the claimant, aged 47, reports").age?.value == 47)
        #expect(patient("Age: 39").age?.value == 39)
        #expect(patient("a 45 yo female").age?.value == 45)
    }
    @Test func numbersThatAreNotAges() {
        #expect(patient("He has had pain for 5 years old injuries aside").age == nil)
        #expect(patient("a 3 year history of pain").age == nil)
        #expect(patient("treated for 200 years old").age == nil)
    }
    @Test func sexWithoutAge() {
        #expect(patient("The patient is a female cashier.").sex?.value == "female")
        #expect(patient("Sex: M").sex?.value == "male")
        // Pronouns are not used: the boilerplate says He/she.
        #expect(patient("He/she has no affiliation. She reports pain.").sex == nil)
    }
    @Test func injuryDateForms() {
        #expect(patient("with a date of injury of 2/10/04. The patient").injuryDate?.value.iso == "2004-02-10")
        #expect(patient("with date of injury 5/20/10.").injuryDate?.value.iso == "2010-05-20")
        #expect(patient("who sustained an industrial injury on 5/01/2012.").injuryDate?.value.iso == "2012-05-01")
        #expect(patient("was injured at work on 3/4/12 lifting").injuryDate?.value.iso == "2012-03-04")
        #expect(patient("injured his low back on 2/14/2014.").injuryDate?.value.iso == "2014-02-14")
        #expect(patient("Date of Injury: March 3, 2011").injuryDate?.value.iso == "2011-03-03")
        #expect(patient("DOI: 04/15/2019").injuryDate?.value.iso == "2019-04-15")
        // How it happened, between the injured part and the date.
        #expect(patient("injured her low back and right buttock pushing a linen cart on 5/19/2014, she").injuryDate?.value.iso == "2014-05-19")
        #expect(patient("who sustained a laceration to the right lateral lower leg from a metal shelf edge on 3/17/2014 and").injuryDate?.value.iso == "2014-03-17")
    }
    @Test func datesNotLinkedToTheInjuryAreNotTaken() {
        #expect(patient("The injured worker underwent surgery on 3/4/12.").injuryDate == nil)
        #expect(patient("Given the chronicity of injury the patient may have had therapy in the past although records (dated 01/21/2013").injuryDate == nil)
        #expect(patient("a cumulative trauma injury from 1/1/10 to 3/3/12").injuryDate == nil)
        #expect(patient("He was injured. An MRI on 3/25/12 showed").injuryDate == nil)
        #expect(patient("He injured his knee, and was seen on 4/4/2014.").injuryDate == nil)
        #expect(patient("She injured her back lifting boxes and went to the ER on 6/1/2014.").injuryDate == nil)
    }
    @Test func headerInjuryDateWins() {
        let lines = LetterLines(Array("injured on 1/1/2010".utf8))
        let p = PatientParser.parse(lines, order: [0..<lines.bytes.count], headerInjury: Located(CalendarDay(iso: "2011-02-02")!, 0..<1), referenceYear: 2015)
        #expect(p.injuryDate?.value.iso == "2011-02-02")
    }
    @Test func nothingStatedIsNil() {
        let p = patient("This patient present's with lower back pain. Treater is requesting post injection physical therapy 3x2.")
        #expect(p.age == nil && p.sex == nil && p.injuryDate == nil)
    }

    @Test func injuryToldAsTheEventItWas() {
        // A case summary tells the injury as it happened, without the word "injury".
        #expect(patient("a 38 year old male who twisted his right knee on 04/07/2015 while pivoting").injuryDate?.value.iso == "2015-04-07")
        #expect(patient("She slipped on a wet floor on 3/2/2014 and landed on her hip.").injuryDate?.value.iso == "2014-03-02")
        #expect(patient("he twisted his right knee stepping down from his forklift on 14 May 2015").injuryDate?.value.iso == "2015-05-14")
    }
}
