// Placeholder until the add-in issue builds addin/ into dist/.
module.exports = { mode: "production", entry: {}, };
