//! The Department for Education's SSDA903 code lists (collection year 2024/25).
//!
//! Every coded field of the children-looked-after return is an enum here, built
//! once from its code and valid from then on. Codes and descriptions follow the
//! DfE's guide to the SSDA903 collection; the descriptions are what the web
//! application shows beside a code.

use std::fmt;
use std::str::FromStr;

/// A code that is not in its list. The message names the list and the value,
/// and says which codes are allowed, so a user can correct the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a valid {list} code (expected one of: {expected})")]
pub struct UnknownCode {
    /// The name of the code list, in plain words (`legal status`).
    pub list: &'static str,
    /// The value that was given.
    pub value: String,
    /// The valid codes, comma separated.
    pub expected: String,
}

/// A closed list of codes, each with its DfE description.
pub trait CodeList: Sized + Copy + 'static {
    /// The name of the list in plain words, used in error messages.
    const LIST: &'static str;
    /// Every code of the list, in the DfE's order.
    const ALL: &'static [Self];
    /// The code as the DfE writes it (`C2`).
    fn code(self) -> &'static str;
    /// The DfE's description of the code.
    fn description(self) -> &'static str;

    /// Parses a code, ignoring surrounding spaces; codes are case-sensitive as in the return.
    fn parse_code(value: &str) -> Result<Self, UnknownCode> {
        let trimmed = value.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.code() == trimmed)
            .ok_or_else(|| UnknownCode {
                list: Self::LIST,
                value: trimmed.to_owned(),
                expected: Self::ALL
                    .iter()
                    .map(|c| c.code())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

macro_rules! code_list {
    (
        $(#[$meta:meta])*
        $name:ident, $list:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $desc:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = $desc] #[serde(rename = $code)] $variant, )+
        }

        impl CodeList for $name {
            const LIST: &'static str = $list;
            const ALL: &'static [Self] = &[ $( Self::$variant, )+ ];
            fn code(self) -> &'static str {
                match self { $( Self::$variant => $code, )+ }
            }
            fn description(self) -> &'static str {
                match self { $( Self::$variant => $desc, )+ }
            }
        }

        impl FromStr for $name {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse_code(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

code_list! {
    /// SEX: the child's sex as recorded in the return.
    Sex, "sex" {
        Male = "M", "Male";
        Female = "F", "Female";
        Unknown = "U", "Not known or indeterminate";
    }
}

code_list! {
    /// ETHNIC: the child's ethnic origin.
    Ethnicity, "ethnicity" {
        WhiteBritish = "WBRI", "White British";
        WhiteIrish = "WIRI", "White Irish";
        WhiteIrishTraveller = "WIRT", "Traveller of Irish heritage";
        WhiteOther = "WOTH", "Any other White background";
        WhiteRoma = "WROM", "Gypsy/Roma";
        MixedWhiteBlackCaribbean = "MWBC", "White and Black Caribbean";
        MixedWhiteBlackAfrican = "MWBA", "White and Black African";
        MixedWhiteAsian = "MWAS", "White and Asian";
        MixedOther = "MOTH", "Any other mixed background";
        AsianIndian = "AIND", "Indian";
        AsianPakistani = "APKN", "Pakistani";
        AsianBangladeshi = "ABAN", "Bangladeshi";
        AsianOther = "AOTH", "Any other Asian background";
        BlackCaribbean = "BCRB", "Caribbean";
        BlackAfrican = "BAFR", "African";
        BlackOther = "BOTH", "Any other Black background";
        Chinese = "CHNE", "Chinese";
        OtherEthnicGroup = "OOTH", "Any other ethnic group";
        Refused = "REFU", "Refused";
        NotObtained = "NOBT", "Information not yet obtained";
    }
}

/// The broad ethnic groups the DfE's statistics report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum EthnicGroup {
    White,
    Mixed,
    Asian,
    Black,
    Other,
    NotKnown,
}

impl Ethnicity {
    /// The broad group of this ethnicity, as the DfE's tables group them.
    pub fn group(self) -> EthnicGroup {
        use Ethnicity::*;
        match self {
            WhiteBritish | WhiteIrish | WhiteIrishTraveller | WhiteOther | WhiteRoma => {
                EthnicGroup::White
            }
            MixedWhiteBlackCaribbean | MixedWhiteBlackAfrican | MixedWhiteAsian | MixedOther => {
                EthnicGroup::Mixed
            }
            AsianIndian | AsianPakistani | AsianBangladeshi | AsianOther => EthnicGroup::Asian,
            BlackCaribbean | BlackAfrican | BlackOther => EthnicGroup::Black,
            Chinese | OtherEthnicGroup => EthnicGroup::Other,
            Refused | NotObtained => EthnicGroup::NotKnown,
        }
    }
}

code_list! {
    /// UPN: the reason a unique pupil number is not recorded.
    UpnUnknownReason, "unique pupil number unknown reason" {
        NotSchoolAge = "UN1", "Child looked after is not of school age and has not yet been assigned a UPN";
        NeverAttendedInEngland = "UN2", "Child looked after has never attended a maintained school in England";
        EducatedOutsideEngland = "UN3", "Child looked after is educated outside England";
        NewlyLookedAfter = "UN4", "Child is newly looked after and the UPN was not yet known at the time of the return";
        SourcesDisagree = "UN5", "Sources collating UPNs disagree about the child's name or date of birth, preventing reliable matching";
    }
}

code_list! {
    /// RNE: the reason a new episode of care starts.
    ReasonNewEpisode, "reason for new episode" {
        Started = "S", "Started to be looked after";
        LegalStatusChange = "L", "Change of legal status only";
        PlacementChange = "P", "Change of placement and carer(s) only";
        PlacementChangeSameCarer = "T", "Change of placement (but same carer(s)) only";
        LegalStatusAndPlacementChange = "B", "Change of legal status and placement and carer(s) at the same time";
        LegalStatusAndPlacementSameCarer = "U", "Change of legal status and change of placement (but same carer(s)) at the same time";
    }
}
code_list! {
    /// LS: the child's legal status during an episode.
    LegalStatus, "legal status" {
        InterimCareOrder = "C1", "Interim care order";
        FullCareOrder = "C2", "Full care order";
        FreeingOrder = "D1", "Freeing order granted";
        PlacementOrder = "E1", "Placement order granted";
        RemandedToAccommodation = "J1", "Remanded to local authority accommodation or to youth detention accommodation";
        PlacedUnderPace = "J2", "Placed in local authority accommodation under the Police and Criminal Evidence Act 1984, including secure accommodation";
        SentencedWithResidence = "J3", "Sentenced to Youth Rehabilitation Order (Criminal Justice and Immigration Act 2008 as amended by Legal Aid, Sentencing and Punishment of Offenders Act (LASPOA) 2012 with residence or local authority residence requirement)";
        PoliceProtection = "L1", "Under police protection and in local authority accommodation";
        EmergencyProtectionOrder = "L2", "Emergency protection order (EPO)";
        ChildAssessmentOrder = "L3", "Under child assessment order and in local authority accommodation";
        SingleAccommodation = "V2", "Single period of accommodation under section 20 (Children Act 1989)";
        ShortBreaksEpisodes = "V3", "Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded";
        ShortBreaksAgreements = "V4", "Accommodated under an agreed series of short-term breaks, when agreements are recorded (NOT individual episodes of care)";
    }
}

impl LegalStatus {
    /// Whether the status is a short-break arrangement (V3, V4), which the
    /// DfE's counts of children looked after at 31 March leave out.
    pub fn is_short_break(self) -> bool {
        matches!(
            self,
            Self::ShortBreaksEpisodes | Self::ShortBreaksAgreements
        )
    }

    /// Whether the local authority shares parental responsibility (a care order
    /// or a placement order), as opposed to voluntary accommodation or a
    /// short-term protective status.
    pub fn is_under_order(self) -> bool {
        matches!(
            self,
            Self::InterimCareOrder
                | Self::FullCareOrder
                | Self::FreeingOrder
                | Self::PlacementOrder
        )
    }
}

code_list! {
    /// CIN: the category of need.
    CategoryOfNeed, "category of need" {
        AbuseOrNeglect = "N1", "Abuse or neglect";
        ChildsDisability = "N2", "Child's disability";
        ParentalIllnessOrDisability = "N3", "Parental illness or disability";
        FamilyInAcuteStress = "N4", "Family in acute stress";
        FamilyDysfunction = "N5", "Family dysfunction";
        SociallyUnacceptableBehaviour = "N6", "Socially unacceptable behaviour";
        LowIncome = "N7", "Low income";
        AbsentParenting = "N8", "Absent parenting";
    }
}

code_list! {
    /// PLACE: the type of placement.
    PlacementType, "placement type" {
        AdoptionWithFormerCarerConsent = "A3", "Placed for adoption with parental/guardian consent with current foster carer(s) (under section 19 of the Adoption and Children Act 2002) or with a freeing order where parental/guardian consent has been given (under section 18(1)(a) of the Adoption Act 1976)";
        AdoptionWithConsent = "A4", "Placed for adoption with parental/guardian consent not with current foster carer(s) (under section 19 of the Adoption and Children Act 2002) or with a freeing order where parental/guardian consent has been given under section 18(1)(a) of the Adoption Act 1976";
        AdoptionPlacementOrderFormerCarer = "A5", "Placed for adoption with placement order with current foster carer(s) (under section 21 of the Adoption and Children Act 2002) or with a freeing order where parental/guardian consent was dispensed with (under section 18(1)(b) the Adoption Act 1976)";
        AdoptionPlacementOrder = "A6", "Placed for adoption with placement order not with current foster carer(s) (under section 21 of the Adoption and Children Act 2002) or with a freeing order where parental/guardian consent was dispensed with (under section 18(1)(b) of the Adoption Act 1976)";
        SemiIndependentUnregulated = "H5", "Semi-independent living accommodation not subject to children's homes regulations";
        SecureChildrensHome = "K1", "Secure children's homes";
        ChildrensHome = "K2", "Children's Homes subject to Children's Homes Regulations";
        SupportedAccommodation = "K3", "Supported accommodation registered under the Supported Accommodation (England) Regulations 2023";
        PlacedWithParents = "P1", "Placed with own parent(s) or other person(s) with parental responsibility";
        IndependentLiving = "P2", "Independent living for example in a flat, lodgings, bedsit, bed and breakfast (B&B) or with friends, with or without formal support";
        ResidentialEmployment = "P3", "Residential employment";
        ResidentialCareHome = "R1", "Residential care home";
        NhsHealthTrust = "R2", "National Health Service (NHS)/health trust or other establishment providing medical or nursing care";
        FamilyCentre = "R3", "Family centre or mother and baby unit";
        YoungOffenderInstitution = "R5", "Young offender institution (YOI)";
        ResidentialSchool = "S1", "All residential schools, except where dual-registered as a school and children's home";
        TemporaryOther = "T0", "All types of temporary move (see paragraphs above for further details)";
        TemporaryHospital = "T1", "Temporary periods in hospital";
        TemporaryHoliday = "T2", "Temporary absences of the child on holiday";
        TemporaryAccommodation = "T3", "Temporary accommodation whilst normal foster carer(s) is/are on holiday";
        TemporaryOtherReason = "T4", "Temporary accommodation of seven days or less, for any reason, not covered by codes T1 to T3";
        FosterRelativeLongTerm = "U1", "Foster placement with relative(s) or friend(s) - long term fostering";
        FosterRelativeFfa = "U2", "Foster placement with relative(s) or friend(s) who is/are also an approved adopter(s) - fostering for adoption /concurrent planning";
        FosterRelativeOther = "U3", "Foster placement with relative(s) or friend(s) who is/are not long-term or fostering for adoption/concurrent planning";
        FosterLongTerm = "U4", "Foster placement with other foster carer(s) - long term fostering";
        FosterFfa = "U5", "Foster placement with other foster carer(s) who is/are also an approved adopter(s) - fostering for adoption/concurrent planning";
        FosterOther = "U6", "Foster placement with other foster carer(s) - not long term or fostering for adoption/concurrent planning";
        OtherPlacement = "Z1", "Other placements (must be listed on a schedule sent to DfE with annual submission)";
    }
}

/// The broad kinds of placement the DfE's statistics report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum PlacementGroup {
    Foster,
    KinshipFoster,
    PlacedForAdoption,
    PlacedWithParents,
    IndependentOrSemiIndependent,
    Residential,
    Secure,
    Temporary,
    Other,
}

impl PlacementType {
    /// The broad group of this placement type.
    pub fn group(self) -> PlacementGroup {
        use PlacementType::*;
        match self {
            FosterLongTerm | FosterFfa | FosterOther => PlacementGroup::Foster,
            FosterRelativeLongTerm | FosterRelativeFfa | FosterRelativeOther => {
                PlacementGroup::KinshipFoster
            }
            AdoptionWithFormerCarerConsent
            | AdoptionWithConsent
            | AdoptionPlacementOrderFormerCarer
            | AdoptionPlacementOrder => PlacementGroup::PlacedForAdoption,
            PlacedWithParents => PlacementGroup::PlacedWithParents,
            SemiIndependentUnregulated
            | SupportedAccommodation
            | IndependentLiving
            | ResidentialEmployment => PlacementGroup::IndependentOrSemiIndependent,
            ChildrensHome | ResidentialCareHome | NhsHealthTrust | FamilyCentre
            | ResidentialSchool => PlacementGroup::Residential,
            SecureChildrensHome | YoungOffenderInstitution => PlacementGroup::Secure,
            TemporaryOther
            | TemporaryHospital
            | TemporaryHoliday
            | TemporaryAccommodation
            | TemporaryOtherReason => PlacementGroup::Temporary,
            OtherPlacement => PlacementGroup::Other,
        }
    }

    /// Whether this is a placement for adoption (A3 to A6).
    pub fn is_placed_for_adoption(self) -> bool {
        self.group() == PlacementGroup::PlacedForAdoption
    }
}

code_list! {
    /// PLACE_PROVIDER: who provides the placement.
    PlacementProvider, "placement provider" {
        Parent = "PR0", "Parent(s) or other person(s) with parental responsibility";
        OwnProvision = "PR1", "Own provision (by the council)";
        OtherLaProvision = "PR2", "Other local authority provision";
        OtherPublicProvision = "PR3", "Other public provision (for example, a primary care trust)";
        PrivateProvision = "PR4", "Private provision";
        VoluntaryProvision = "PR5", "Voluntary/third sector provision";
    }
}

code_list! {
    /// REC: the reason an episode of care ceased.
    ReasonEpisodeCeased, "reason episode ceased" {
        AdoptedUnopposed = "E11", "Adopted - application for an adoption order unopposed";
        AdoptedConsentDispensed = "E12", "Adopted - consent dispensed with by the court";
        LeftToLiveWithParentNoPr = "E13", "Left care to live with parent(s), relative(s), or other person(s) with no parental responsibility";
        RemandEnded = "E14", "Accommodation on remand ended";
        AgeAssessed18 = "E15", "Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply";
        MovedAbroad = "E16", "Child moved abroad";
        Aged18StayedWithCarers = "E17", "Aged 18 (or over) and remained with current carers (inc under staying put arrangements)";
        Died = "E2", "Died";
        TransferredToOtherLa = "E3", "Care taken over by another local authority in the UK";
        ChildArrangementsOrder = "E41", "Residence order (or, from 22 April 2014, a child arrangement order which sets out with whom the child is to live) granted";
        SgoFormerFosterCarersRelatives = "E45", "Special guardianship order made to former foster carer(s), who was/are a relative(s) or friend(s)";
        SgoFormerFosterCarersOther = "E46", "Special guardianship order made to former foster carer(s), other than relative(s) or friend(s)";
        SgoOtherCarersRelatives = "E47", "Special guardianship order made to carer(s), other than former foster carer(s), who was/are a relative(s) or friend(s)";
        SgoOtherCarersOther = "E48", "Special guardianship order made to carer(s), other than former foster carer(s), other than relative(s) or friend(s)";
        ReturnedHomePlanned = "E4A", "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility as part of the care planning process (not under a special guardianship order or residence order or (from 22 April 2014) a child arrangement order)";
        ReturnedHomeUnplanned = "E4B", "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility which was not part of the current care planning process (not under a special guardianship order or residence order or (from 22 April 2014) a child arrangement order)";
        IndependentLivingSupported = "E5", "Moved into independent living arrangement and no longer looked after: supportive accommodation providing formalised advice/support arrangements (such as most hostels, young men's Christian association, foyers, staying close and care leavers projects). Includes both children leaving care before and at age 18";
        IndependentLivingUnsupported = "E6", "Moved into independent living arrangement and no longer looked after: accommodation providing no formalised advice/support arrangements (such as bedsit, own flat, living with friend(s)). Includes both children leaving care before and at age 18";
        AdultSocialCare = "E7", "Transferred to residential care funded by adult social care services";
        OtherReason = "E8", "Period of being looked after ceased for any other reason (where none of the other reasons apply)";
        SentencedToCustody = "E9", "Sentenced to custody";
        NewEpisodeSameDay = "X1", "Episode ceases, and new episode begins on same day, for any reason";
    }
}

/// How a period of care ended, grouped as the spec's measures count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum CareExit {
    Adoption,
    SpecialGuardianship,
    ChildArrangementsOrder,
    ReturnHome,
    Aged18OrIndependence,
    Other,
}

impl ReasonEpisodeCeased {
    /// Whether the child stops being looked after (every reason but X1).
    pub fn ends_care(self) -> bool {
        self != Self::NewEpisodeSameDay
    }

    /// The kind of exit from care this reason records, or `None` for X1.
    pub fn exit(self) -> Option<CareExit> {
        use ReasonEpisodeCeased::*;
        Some(match self {
            AdoptedUnopposed | AdoptedConsentDispensed => CareExit::Adoption,
            SgoFormerFosterCarersRelatives
            | SgoFormerFosterCarersOther
            | SgoOtherCarersRelatives
            | SgoOtherCarersOther => CareExit::SpecialGuardianship,
            ChildArrangementsOrder => CareExit::ChildArrangementsOrder,
            ReturnedHomePlanned | ReturnedHomeUnplanned | LeftToLiveWithParentNoPr => {
                CareExit::ReturnHome
            }
            Aged18StayedWithCarers
            | IndependentLivingSupported
            | IndependentLivingUnsupported
            | AdultSocialCare => CareExit::Aged18OrIndependence,
            RemandEnded | AgeAssessed18 | MovedAbroad | Died | TransferredToOtherLa
            | OtherReason | SentencedToCustody => CareExit::Other,
            NewEpisodeSameDay => return None,
        })
    }
}

code_list! {
    /// REASON_PLACE_CHANGE: why a placement changed.
    ReasonPlacementChange, "reason for placement change" {
        CarerApprovalChange = "CARPL", "Change to/Implementation of child's care plan";
        ProviderClosed = "CLOSE", "Resignation/closure of provision";
        Allegation = "ALLEG", "Allegation (section 47 investigation)";
        StandardsConcern = "STAND", "Standards of care concern";
        ApprovalRemoved = "APPRR", "Approval removed";
        CarerRequestBehaviour = "CREQB", "Carer(s) requested placement end due to child's behaviour";
        CarerRequestOther = "CREQO", "Carer(s) requested placement end other than due to child's behaviour";
        ChildRequest = "CHILD", "Child requested placement end";
        LaRequest = "LAREQ", "Responsible/area authority requested placement end";
        PlacementChangeOther = "PLACE", "Change in the status of placement only";
        Custody = "CUSTOD", "Custody arrangement";
        Other = "OTHER", "Other";
    }
}

code_list! {
    /// REVIEW_CODE: how the child took part in a review.
    ReviewParticipation, "review participation" {
        Under4 = "PN0", "Child aged under 4 at the time of the review";
        AttendsAndSpeaks = "PN1", "Child physically attends and speaks for him or herself";
        AttendsAdvocateSpeaks = "PN2", "Child physically attends and an advocate speaks on his or her behalf";
        AttendsNonVerbal = "PN3", "Child attends and conveys his or her view symbolically (non-verbally)";
        AttendsSilent = "PN4", "Child physically attends but does not speak for him or herself, does not convey his or her view symbolically (non-verbally) and does not ask an advocate to speak for him or her";
        AdvocateOnly = "PN5", "Child does not attend physically but briefs an advocate to speak for him or her";
        FacilitativeMedium = "PN6", "Child does not attend but conveys his or her feelings to the review by a facilitative medium";
        NotConveyed = "PN7", "Child does not attend nor are his or her views conveyed to the review";
    }
}

code_list! {
    /// MISSING: whether the child was missing or away from placement without authorisation.
    MissingType, "missing type" {
        Missing = "M", "Missing";
        Away = "A", "Away from placement without authorisation";
    }
}

code_list! {
    /// SW_REASON: why the allocated social worker changed (the SWEpisodes
    /// table, from 2023/24). The codes are the DfE's; the wording is ours.
    SocialWorkerChangeReason, "social worker change reason" {
        ManagementDecision = "MANAGE", "Management decision, such as caseload management or reallocation";
        ContractEnded = "FCONTA", "Fixed-term or agency contract ended";
        LeftRole = "LEFTRL", "Social worker left the role or the local authority";
        Restructure = "ORGRST", "Organisational restructure";
        TeamTransfer = "TSPROC", "Transfer between teams as part of the standard process";
        Absence = "ABSENC", "Social worker absence, such as long-term sickness or parental leave";
        ChildCircumstances = "CHCHAN", "Change in the child's circumstances";
        RequestedChange = "PCCHAN", "Parent, carer or child requested a change of social worker";
        WorkerDied = "SWDIED", "Social worker died";
        Other = "OTHERS", "Other reason";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_round_trip<C: CodeList + FromStr<Err = UnknownCode> + PartialEq + fmt::Debug>() {
        for &c in C::ALL {
            assert_eq!(C::from_str(c.code()).unwrap(), c);
            assert!(!c.description().is_empty());
        }
    }

    #[test]
    fn every_code_list_round_trips_through_its_code() {
        assert_round_trip::<Sex>();
        assert_round_trip::<Ethnicity>();
        assert_round_trip::<UpnUnknownReason>();
        assert_round_trip::<ReasonNewEpisode>();
        assert_round_trip::<LegalStatus>();
        assert_round_trip::<CategoryOfNeed>();
        assert_round_trip::<PlacementType>();
        assert_round_trip::<PlacementProvider>();
        assert_round_trip::<ReasonEpisodeCeased>();
        assert_round_trip::<ReasonPlacementChange>();
        assert_round_trip::<ReviewParticipation>();
        assert_round_trip::<MissingType>();
        assert_round_trip::<SocialWorkerChangeReason>();
    }

    #[test]
    fn the_issue_names_these_legal_statuses() {
        for code in [
            "C1", "C2", "E1", "D1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4",
        ] {
            assert!(code.parse::<LegalStatus>().is_ok(), "{code}");
        }
        assert_eq!(LegalStatus::ALL.len(), 13);
    }

    #[test]
    fn an_unknown_code_names_the_list_the_value_and_the_choices() {
        let err = "X9".parse::<LegalStatus>().unwrap_err();
        let message = err.to_string();
        assert_eq!(err.list, "legal status");
        assert!(message.contains("'X9'"), "{message}");
        assert!(message.contains("C1, C2"), "{message}");
    }

    #[test]
    fn codes_are_trimmed_but_case_sensitive() {
        assert_eq!(
            " E11 ".parse::<ReasonEpisodeCeased>().unwrap(),
            ReasonEpisodeCeased::AdoptedUnopposed
        );
        assert!("e11".parse::<ReasonEpisodeCeased>().is_err());
    }

    #[test]
    fn exits_group_as_the_measures_count_them() {
        use ReasonEpisodeCeased as R;
        assert_eq!(R::AdoptedConsentDispensed.exit(), Some(CareExit::Adoption));
        assert_eq!(
            R::SgoOtherCarersRelatives.exit(),
            Some(CareExit::SpecialGuardianship)
        );
        assert_eq!(
            R::ChildArrangementsOrder.exit(),
            Some(CareExit::ChildArrangementsOrder)
        );
        assert_eq!(R::NewEpisodeSameDay.exit(), None);
        assert!(!R::NewEpisodeSameDay.ends_care());
    }
}
