use super::*;

#[test]
fn every_transition_goes_between_states_of_its_workflow() {
    for wf in WORKFLOWS {
        for t in wf.transitions {
            for from in t.from {
                assert!(
                    wf.state(from).is_some(),
                    "{} {}: from {from}",
                    wf.id,
                    t.name
                );
            }
            assert!(
                wf.state(t.to).is_some() || t.to == WITHDRAWN || t.to == "next",
                "{} {}: to {}",
                wf.id,
                t.name,
                t.to
            );
        }
        let mut names: Vec<_> = wf.transitions.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(
            names.len(),
            wf.transitions.len(),
            "{}: duplicate names",
            wf.id
        );
    }
}

#[test]
fn a_team_manager_endorses_a_pack_and_a_social_worker_may_not() {
    assert_eq!(
        PERM_PANEL
            .take("pack", "endorse", &[TeamManager])
            .unwrap()
            .to,
        "endorsed"
    );
    let err = PERM_PANEL
        .take("pack", "endorse", &[SocialWorker])
        .unwrap_err();
    assert_eq!(err.to_string(), "\"endorse\" must be taken by team manager");
    let err = PERM_PANEL
        .take("created", "endorse", &[TeamManager])
        .unwrap_err();
    assert!(matches!(err, WorkflowError::WrongState { .. }));
}

#[test]
fn system_moves_are_not_offered_to_people() {
    assert!(matches!(
        DRIFT.take("open", "clear", &[TeamManager]),
        Err(WorkflowError::SystemOnly { .. })
    ));
    assert!(DRIFT.take_as_system("open", "clear").is_ok());
    assert!(
        DRIFT
            .available("open", &[TeamManager])
            .iter()
            .all(|t| !t.roles.is_empty())
    );
}
